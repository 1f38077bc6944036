import { Readable } from "node:stream";
import { runCli } from "../../packages/testing/src/cli/run-cli.js";

export interface SubscriptionsRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for "no secret anywhere" checks. */
  all: string;
}

/**
 * Runs `argyle-webhooks subscriptions ...args` in-process (the CLI's own `runCli`, as the bin does), with `env` as
 * its whole environment and `stdin` (empty unless given) as its input.
 */
export async function runSubscriptions(
  args: string[],
  env: Record<string, string | undefined>,
  stdin = "",
): Promise<SubscriptionsRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["subscriptions", ...args], {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        return true;
      },
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
        return true;
      },
    },
    stdin: Readable.from([Buffer.from(stdin)]),
    env,
  });
  return { code, stdout, stderr, all: stdout + stderr };
}
