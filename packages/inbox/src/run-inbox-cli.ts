import { parseArgs } from "node:util";
import type { ArgyleBullInbox } from "./argyle-bull-inbox.js";
import type { ArgyleInbox } from "./argyle-inbox.js";
import { createInbox } from "./create-inbox.js";
import type { DeliveryState, LedgerEntry } from "./ledger-entry.js";
import { JOB_STATE } from "./ledger-queries.js";

/**
 * Where `runInboxCli` writes, and the environment it reads (`DATABASE_URL`).
 * @example
 * ```ts
 * const io: InboxCliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env };
 * ```
 */
export interface InboxCliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The `--help` text of `argyle-webhooks inbox`.
 * @example
 * ```ts
 * console.log(INBOX_HELP);
 * ```
 */
export const INBOX_HELP = `Usage: argyle-webhooks inbox <status|list|show|retry|redrive|purge> [options]

Inspect and operate the durable-delivery inbox (@argyle-webhooks/inbox).

Commands:
  status                      Deliveries per state
  list [--state s] [--event e] [--limit n]
                              Deliveries, newest first (state: pending, active, retrying, done, dead, cancelled)
  show <delivery-key>         One delivery with its body (a key prefix of 8+ characters is enough)
  retry <delivery-key>        Run a dead delivery again
  redrive                     Run every dead delivery again
  purge [--older-than-days n] Delete finished (done, dead, cancelled) deliveries, default: all of them

Options:
  --redis-url <url>           Redis (the BullMQ engine) instead of PostgreSQL
  --database-url <url>        PostgreSQL (default: $DATABASE_URL); else the embedded store:
  --directory <dir>           Embedded PGlite directory (default ./.argyle-inbox; stop the app that owns it first)
  --queue <name>              pg-boss queue (default argyle-webhooks)
  --json                      Print JSON

Exit codes: 0 success, 1 not found or nothing to do, 2 bad arguments.`;

function line(entry: LedgerEntry): string {
  return [
    entry.deliveryKey.slice(0, 12),
    entry.state.padEnd(8),
    String(entry.attempts).padStart(2),
    entry.receivedAt.toISOString(),
    entry.event,
    entry.lastError ? `  ${entry.lastError.slice(0, 80)}` : "",
  ].join("  ");
}

/**
 * The `argyle-webhooks inbox ...` commands (also run by `@argyle-webhooks/testing`'s CLI). Resolves the exit code.
 * @example
 * ```ts
 * process.exitCode = await runInboxCli(["status", "--json"], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function runInboxCli(argv: string[], io: InboxCliIO): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "database-url": { type: "string" },
        "redis-url": { type: "string" },
        directory: { type: "string" },
        queue: { type: "string" },
        json: { type: "boolean" },
        state: { type: "string" },
        event: { type: "string" },
        limit: { type: "string" },
        "older-than-days": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    io.stderr.write(`argyle-webhooks inbox: ${(error as Error).message}\n${INBOX_HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, key] = positionals;
  if (values.help || command === undefined) {
    io.stdout.write(`${INBOX_HELP}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  const usage = (message: string) => {
    io.stderr.write(`argyle-webhooks inbox: ${message}\nRun \`argyle-webhooks inbox --help\` for usage.\n`);
    return 2;
  };
  if (!["status", "list", "show", "retry", "redrive", "purge"].includes(command))
    return usage(`unknown command "${command}"`);
  if ((command === "show" || command === "retry") && !key) return usage(`${command} needs a delivery key`);
  if (values.state !== undefined && !(values.state in JOB_STATE))
    return usage(`unknown state "${values.state}"`);
  const number = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`--${name} must be a whole number`);
    return n;
  };
  let limit: number | undefined;
  let olderThanDays: number | undefined;
  try {
    limit = number(values.limit, "limit");
    olderThanDays = number(values["older-than-days"], "older-than-days");
  } catch (error) {
    return usage((error as Error).message);
  }
  const redisUrl = values["redis-url"];
  const connectionString = values["database-url"] ?? (values.directory ? undefined : io.env.DATABASE_URL);
  let inbox: ArgyleInbox | ArgyleBullInbox;
  try {
    inbox = await createInbox({
      ...(redisUrl
        ? { bullmq: { connection: redisUrl } }
        : connectionString
          ? { connectionString, max: 2 }
          : { directory: values.directory }),
      queue: values.queue,
      onError: () => undefined,
    });
  } catch (error) {
    io.stderr.write(`argyle-webhooks inbox: cannot open the inbox: ${(error as Error).message}\n`);
    return 1;
  }
  const out = (value: unknown, text: string) =>
    io.stdout.write(`${values.json ? JSON.stringify(value, null, 2) : text}\n`);
  try {
    switch (command) {
      case "status": {
        const stats = await inbox.stats();
        out(
          stats,
          Object.entries(stats)
            .map(([state, n]) => `${state.padEnd(10)} ${n}`)
            .join("\n"),
        );
        return 0;
      }
      case "list": {
        const entries = await inbox.list({
          state: values.state as DeliveryState | undefined,
          event: values.event,
          limit,
        });
        out(
          entries.map(({ body: _body, ...rest }) => rest),
          entries.length ? entries.map(line).join("\n") : "(no deliveries)",
        );
        return 0;
      }
      case "show": {
        const entry = await inbox.get(key as string);
        if (!entry) {
          io.stderr.write(`argyle-webhooks inbox: no delivery ${key} (or the prefix is ambiguous)\n`);
          return 1;
        }
        const { body, ...facts } = entry;
        out(
          entry,
          `${Object.entries(facts)
            .map(([k, v]) => `${k}: ${v instanceof Date ? v.toISOString() : (v ?? "")}`)
            .join("\n")}\nbody:\n${body}`,
        );
        return 0;
      }
      case "retry": {
        const done = await inbox.retry(key as string);
        out({ retried: done }, done ? `retrying ${key}` : `${key} is not a dead delivery`);
        return done ? 0 : 1;
      }
      case "redrive": {
        const count = await inbox.redrive();
        out({ redriven: count }, `${count} dead deliveries will run again`);
        return 0;
      }
      default: {
        const count = await inbox.purge({ olderThanDays });
        out({ purged: count }, `${count} finished deliveries deleted`);
        return 0;
      }
    }
  } finally {
    await inbox.close();
  }
}
