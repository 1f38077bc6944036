import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { ArgyleSubscriptionSpec } from "./check-subscription.js";
import { type ArgyleClient, createArgyleClient } from "./create-argyle-client.js";
import { ArgyleClientError, ArgyleSyncError } from "./errors.js";
import { formatSyncPlan } from "./plan-webhook-sync.js";
import { describeSecret } from "./redact.js";
import { type ArgyleEnvironment, resolveBaseUrl } from "./resolve-base-url.js";
import type { ArgyleWebhookSubscription } from "./subscription-types.js";
import { SUBSCRIPTIONS_COMMAND_HELP, unknownSubscriptionEvents } from "./subscriptions-cli-help.js";

/**
 * Streams and environment of {@link runSubscriptionsCli}.
 *
 * @example
 * ```ts
 * const io: SubscriptionsCliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
 * ```
 */
export interface SubscriptionsCliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

const USAGE = `Usage: argyle-webhooks subscriptions <command> [options]

Manage Argyle webhook subscriptions (/v2/webhooks).

Commands:
  list                              one subscription a line: id, name, events, url, secret (masked)
  get <id>                          one subscription
  create --event E [--event E ...] --name N --url U [--secret S | --secret-env VAR] [--config JSON]
  delete <id> [<id> ...]
  sync --file desired.json [--prefix P] [--dry-run]
                                    create, replace and delete the subscriptions named with prefix P so that
                                    they match the file (a JSON array of subscriptions, or
                                    { "prefix": P, "subscriptions": [...] }; "secretEnv": "VAR" reads a secret
                                    from the environment)

Options:
  --base-url URL|sandbox|production  API base URL (default: $ARGYLE_API_BASE_URL, else sandbox)
  --timeout MS                       timeout of each HTTP attempt (default 30000)
  --json                             print JSON instead of text (secrets masked)
  -h, --help                         show this help

Credentials: ARGYLE_API_KEY_ID and ARGYLE_API_KEY_SECRET.
Exit codes: 0 done, 1 Argyle or network error, 2 bad arguments.`;

class UsageError extends Error {}

const COMMON = {
  "base-url": { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const OPTIONS = {
  list: COMMON,
  get: COMMON,
  delete: COMMON,
  create: {
    ...COMMON,
    event: { type: "string", multiple: true },
    name: { type: "string" },
    url: { type: "string" },
    secret: { type: "string" },
    "secret-env": { type: "string" },
    config: { type: "string" },
  },
  sync: { ...COMMON, file: { type: "string" }, prefix: { type: "string" }, "dry-run": { type: "boolean" } },
} as const;

type Command = keyof typeof OPTIONS;

function isCommand(value: string | undefined): value is Command {
  return value !== undefined && Object.hasOwn(OPTIONS, value);
}

/**
 * Runs `argyle-webhooks subscriptions <args>` and resolves to the exit code (0 done, 1 Argyle or network error,
 * 2 bad arguments). Secrets are never printed.
 *
 * @example
 * ```ts
 * const code = await runSubscriptionsCli(["list", "--json"], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * process.exitCode = code;
 * ```
 */
export async function runSubscriptionsCli(args: readonly string[], io: SubscriptionsCliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const [command, ...rest] = args;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    (command === undefined ? err : out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (!isCommand(command)) {
    err(
      `argyle-webhooks subscriptions: unknown command ${JSON.stringify(command)} (expected list, get, create, delete or sync)\n\n${USAGE}`,
    );
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: OPTIONS[command],
      allowPositionals: true,
      strict: true,
    });
    const flags = values as Record<string, string | string[] | boolean | undefined>;
    if (flags.help) {
      out(SUBSCRIPTIONS_COMMAND_HELP[command] ?? USAGE);
      return 0;
    }
    const client = clientFrom(flags, io.env);
    const json = flags.json === true;
    switch (command) {
      case "list":
        noPositionals(positionals);
        return await list(client, json, out);
      case "get": {
        const [id, ...extra] = positionals;
        if (id === undefined || extra.length > 0)
          throw new UsageError("get takes exactly one subscription id");
        const sub = await client.webhooks.get(id);
        out(json ? JSON.stringify(masked(sub), null, 2) : line(sub));
        return 0;
      }
      case "delete": {
        if (positionals.length === 0) throw new UsageError("delete needs at least one subscription id");
        for (const id of positionals) {
          await client.webhooks.delete(id);
          out(json ? JSON.stringify({ deleted: id }) : `deleted ${id}`);
        }
        return 0;
      }
      case "create": {
        noPositionals(positionals);
        const spec = createSpec(flags, io.env);
        const sub = await client.webhooks.create(spec as never);
        out(json ? JSON.stringify(masked(sub), null, 2) : `created ${line(sub)}`);
        return 0;
      }
      case "sync": {
        noPositionals(positionals);
        const { prefix, subscriptions } = await readDesired(flags, io.env);
        const plan = await client.webhooks.sync(subscriptions, {
          prefix,
          dryRun: flags["dry-run"] === true,
          print: false,
        });
        out(json ? JSON.stringify(plan, null, 2) : formatSyncPlan(plan));
        return 0;
      }
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && !(error instanceof ArgyleClientError)) ||
      isParseArgsError(error)
    ) {
      err(
        `argyle-webhooks subscriptions ${command}: ${(error as Error).message}\nRun "argyle-webhooks subscriptions --help" for usage.`,
      );
      return 2;
    }
    if (error instanceof ArgyleSyncError) {
      err(formatSyncPlan(error.plan));
      err(`error: ${error.message}`);
      return 1;
    }
    err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
}

function clientFrom(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): ArgyleClient {
  const apiKeyId = env.ARGYLE_API_KEY_ID;
  const apiKeySecret = env.ARGYLE_API_KEY_SECRET;
  const missing = [
    apiKeyId ? undefined : "ARGYLE_API_KEY_ID",
    apiKeySecret ? undefined : "ARGYLE_API_KEY_SECRET",
  ].filter(Boolean);
  if (missing.length > 0)
    throw new UsageError(
      `set ${missing.join(" and ")} to your Argyle API key (Argyle Console > Developers > API keys)`,
    );
  const base = (flags["base-url"] as string | undefined) ?? env.ARGYLE_API_BASE_URL ?? "sandbox";
  const baseUrl = resolveBaseUrl(base);
  const timeout = flags.timeout as string | undefined;
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw new UsageError(
      `--timeout must be a positive number of milliseconds, got ${JSON.stringify(timeout)}`,
    );
  return createArgyleClient({
    apiKeyId: apiKeyId as string,
    apiKeySecret: apiKeySecret as string,
    environment: baseUrl as ArgyleEnvironment,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

async function list(client: ArgyleClient, json: boolean, out: (text: string) => void): Promise<number> {
  if (json) {
    const all = await client.webhooks.list().toArray();
    out(JSON.stringify(all.map(masked), null, 2));
    return 0;
  }
  let count = 0;
  for await (const sub of client.webhooks.list()) {
    out(line(sub));
    count++;
  }
  if (count === 0) out("no subscriptions");
  return 0;
}

/** `id  name  events  url  config  secret` on one line, tab-separated. */
function line(sub: ArgyleWebhookSubscription): string {
  const config = sub.config && Object.keys(sub.config).length > 0 ? JSON.stringify(sub.config) : "-";
  return [
    sub.id,
    sub.name,
    sub.events.join(","),
    sub.url,
    config,
    `secret ${describeSecret(sub.secret)}`,
  ].join("\t");
}

function masked(sub: ArgyleWebhookSubscription): ArgyleWebhookSubscription {
  return { ...sub, secret: sub.secret ? "****" : sub.secret };
}

/**
 * JSON.parse, with an error that says where the syntax error is but quotes none of the text: V8's message
 * includes a snippet of the input, which may be a secret next to the mistake.
 */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    let where = "";
    if (position !== undefined) {
      const before = text.slice(0, Number(position)).split("\n");
      where = ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    } else if (/end of JSON input/i.test((error as Error).message)) where = " (it ends too early)";
    throw new UsageError(`${what} is not valid JSON${where}`);
  }
}

function secretFromEnv(name: string, env: NodeJS.ProcessEnv, where: string): string {
  const value = env[name];
  if (!value) throw new UsageError(`${where}: environment variable ${name} is not set`);
  return value;
}

function createSpec(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): ArgyleSubscriptionSpec {
  const events = ((flags.event as string[] | undefined) ?? [])
    .flatMap((e) => e.split(","))
    .map((e) => e.trim())
    .filter(Boolean);
  if (events.length === 0)
    throw new UsageError(
      "create needs at least one --event (e.g. --event gigs.partially_synced, or --event '*')",
    );
  const unknown = unknownSubscriptionEvents(events);
  if (unknown.length > 0) throw new UsageError(unknown.join("; "));
  const name = flags.name as string | undefined;
  const url = flags.url as string | undefined;
  if (!name) throw new UsageError("create needs --name");
  if (!url) throw new UsageError("create needs --url");
  if (flags.secret !== undefined && flags["secret-env"] !== undefined)
    throw new UsageError("give --secret or --secret-env, not both");
  const secret =
    flags["secret-env"] !== undefined
      ? secretFromEnv(flags["secret-env"] as string, env, "--secret-env")
      : (flags.secret as string | undefined);
  let config: Record<string, unknown> | undefined;
  if (flags.config !== undefined) {
    const parsed = parseJson(flags.config as string, "--config");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw new UsageError("--config must be a JSON object, e.g. --config '{\"days_synced\":60}'");
    config = parsed as Record<string, unknown>;
  }
  return {
    events,
    name,
    url,
    ...(secret === undefined ? {} : { secret }),
    ...(config === undefined ? {} : { config }),
  };
}

async function readDesired(
  flags: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Promise<{ prefix: string; subscriptions: ArgyleSubscriptionSpec[] }> {
  const file = flags.file as string | undefined;
  if (!file) throw new UsageError("sync needs --file desired.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const parsed = parseJson(text, file);
  const document = Array.isArray(parsed)
    ? { subscriptions: parsed }
    : (parsed as { prefix?: unknown; subscriptions?: unknown } | null);
  if (!document || typeof document !== "object" || !Array.isArray(document.subscriptions)) {
    throw new UsageError(
      `${file} must hold a JSON array of subscriptions or { "prefix": "...", "subscriptions": [...] }`,
    );
  }
  const prefix =
    (flags.prefix as string | undefined) ??
    (typeof document.prefix === "string" ? document.prefix : undefined);
  if (!prefix)
    throw new UsageError(
      `sync needs --prefix (or "prefix" in ${file}): only subscriptions named with it are managed`,
    );
  const subscriptions = document.subscriptions.map((entry: unknown, index: number) => {
    if (!entry || typeof entry !== "object" || Array.isArray(entry))
      throw new UsageError(`${file}: subscription #${index + 1} is not an object`);
    const { secretEnv, ...spec } = entry as Record<string, unknown>;
    if (secretEnv !== undefined) {
      if (typeof secretEnv !== "string")
        throw new UsageError(
          `${file}: subscription #${index + 1}: secretEnv must name an environment variable`,
        );
      if (spec.secret !== undefined)
        throw new UsageError(`${file}: subscription #${index + 1}: give secret or secretEnv, not both`);
      spec.secret = secretFromEnv(secretEnv, env, `${file}: subscription #${index + 1}`);
    }
    return spec as unknown as ArgyleSubscriptionSpec;
  });
  return { prefix, subscriptions };
}
