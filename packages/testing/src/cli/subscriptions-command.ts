import { type CliIO, EXIT } from "./io.js";

type SubscriptionsCli = (
  args: string[],
  io: { stdout: CliIO["stdout"]; stderr: CliIO["stderr"]; env: CliIO["env"] },
) => Promise<number>;

// A dependency of this package, loaded lazily (variable specifier, not bundled) so only this command pays for it.
const CLIENT = "@argyle-webhooks/client";

/** `argyle-webhooks subscriptions ...`: delegates to `runSubscriptionsCli` of `@argyle-webhooks/client`. */
export async function subscriptionsCommand(argv: string[], io: CliIO): Promise<number> {
  let run: unknown;
  try {
    const client = (await import(CLIENT)) as { runSubscriptionsCli?: unknown };
    run = client.runSubscriptionsCli;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
  }
  if (typeof run !== "function") {
    io.stderr.write(
      `argyle-webhooks subscriptions could not load ${CLIENT} (a dependency of @argyle-webhooks/testing): reinstall it.\n  npm install ${CLIENT}\n`,
    );
    return EXIT.usage;
  }
  return (run as SubscriptionsCli)(argv, { stdout: io.stdout, stderr: io.stderr, env: io.env });
}
