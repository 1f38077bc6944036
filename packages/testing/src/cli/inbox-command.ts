import { type CliIO, EXIT } from "./io.js";

type InboxCli = (
  args: string[],
  io: { stdout: CliIO["stdout"]; stderr: CliIO["stderr"]; env: CliIO["env"] },
) => Promise<number>;

// An optional peer of this package, loaded lazily (variable specifier, not bundled): only `inbox` needs it.
const INBOX = "@argyle-webhooks/inbox";

/** `argyle-webhooks inbox ...`: delegates to `runInboxCli` of `@argyle-webhooks/inbox` (install it to use this). */
export async function inboxCommand(argv: string[], io: CliIO): Promise<number> {
  let run: unknown;
  try {
    run = ((await import(INBOX)) as { runInboxCli?: unknown }).runInboxCli;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
  }
  if (typeof run !== "function") {
    io.stderr.write(`argyle-webhooks inbox needs ${INBOX}:\n  npm install ${INBOX}\n`);
    return EXIT.usage;
  }
  return (run as InboxCli)(argv, { stdout: io.stdout, stderr: io.stderr, env: io.env });
}
