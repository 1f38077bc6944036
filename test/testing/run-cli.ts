import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { runCli as runCliInProcess } from "../../packages/testing/src/cli/run-cli.js";

/** The built bin, run as a real process. */
export const CLI = fileURLToPath(new URL("../../packages/testing/dist/cli.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This process's environment without ARGYLE_WEBHOOK_SECRET, plus `env`. */
function cliEnv(env: Record<string, string>): Record<string, string | undefined> {
  const { ARGYLE_WEBHOOK_SECRET: _ignored, ...base } = process.env;
  return { ...base, ...env };
}

/**
 * Runs `argyle-webhooks ...args` in this process (the CLI's `runCli(argv, io)`), feeding `input` on stdin and
 * collecting stdout and stderr; never uses ARGYLE_WEBHOOK_SECRET from this env. The built bin as a real process
 * is {@link spawnCli} (test/testing/cli-first-contact.test.ts runs it).
 */
export async function runCli(
  args: string[],
  input?: string | Buffer,
  env: Record<string, string> = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCliInProcess(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: Readable.from(input === undefined ? [] : [typeof input === "string" ? Buffer.from(input) : input]),
    env: cliEnv(env),
  });
  return { code, stdout, stderr };
}

/** Runs `node dist/cli.js ...args` as a real process, feeding `input` on stdin. */
export function spawnCli(
  args: string[],
  input?: string | Buffer,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(env), stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
