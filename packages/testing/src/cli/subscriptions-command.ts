import { parseArgs } from "node:util";
import type * as ClientModule from "@argyle-webhooks/client";
import type { ArgyleClient, ArgyleEnvironment } from "@argyle-webhooks/client";
import { type CliIO, EXIT, UsageError } from "./io.js";
import { parseCommand, positiveInteger, stringOption, wantsHelp } from "./parse.js";
import { maskSecret, subscriptionLine } from "./subscriptions-format.js";
import { SUBSCRIPTIONS_HELP } from "./subscriptions-help.js";
import { createSpec, readDesired } from "./subscriptions-input.js";

type Client = typeof ClientModule;
/** `create`'s input: the flags give the loose spec shape; the per-event config rules are checked by Argyle. */
type CreateInput = Parameters<ArgyleClient["webhooks"]["create"]>[0];

// A dependency of this package, loaded lazily (variable specifier, not bundled) so only this command pays for it.
const CLIENT = "@argyle-webhooks/client";

const COMMON = {
  "base-url": { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
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

function isCommand(value: string): value is Command {
  return Object.hasOwn(OPTIONS, value);
}

async function loadClient(): Promise<Client | undefined> {
  try {
    return (await import(CLIENT)) as Client;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
    return undefined;
  }
}

/** The client's lower-case messages as the CLI's sentences: a capital first letter and a full stop. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** A `TypeError` from the client's argument checks (before any request) is a bad command line. */
async function asUsage<T>(command: string, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(sentence(error.message), command);
    throw error;
  }
}

interface Common {
  json?: boolean | undefined;
  "base-url"?: string | undefined;
  timeout?: string | undefined;
}

/** The API client the flags and environment describe; usage errors for missing credentials and bad values. */
async function connect(
  command: string,
  values: Common,
  client: Client,
  env: CliIO["env"],
): Promise<ArgyleClient> {
  const missing = ["ARGYLE_API_KEY_ID", "ARGYLE_API_KEY_SECRET"].filter((name) => !env[name]);
  if (missing.length > 0)
    throw new UsageError(
      `Set ${missing.join(" and ")} to your Argyle API key (Argyle Console > Developers > API keys).`,
      command,
    );
  const timeoutMs = positiveInteger(command, "timeout", values.timeout);
  const flag = stringOption(values["base-url"]);
  const base = flag ?? (env.ARGYLE_API_BASE_URL || "sandbox");
  let environment: ArgyleEnvironment;
  try {
    environment = client.resolveBaseUrl(base) as ArgyleEnvironment;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const source = flag !== undefined ? "--base-url" : "ARGYLE_API_BASE_URL";
    throw new UsageError(sentence(`${source}: ${error.message}`), command);
  }
  return asUsage(command, () =>
    client.createArgyleClient({
      apiKeyId: env.ARGYLE_API_KEY_ID as string,
      apiKeySecret: env.ARGYLE_API_KEY_SECRET as string,
      environment,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    }),
  );
}

function noPositionals(command: string, positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`, command);
}

function write(io: CliIO, text: string): void {
  io.stdout.write(`${text}\n`);
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Runs one subscriptions command; Argyle's refusals and network failures propagate as `ArgyleClientError`s. */
async function run(command: Command, argv: string[], client: Client, io: CliIO): Promise<number> {
  const name = `subscriptions ${command}`;
  const { values, positionals } = parseCommand(name, () =>
    parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS[command] }),
  );
  const flags = values as Common &
    Parameters<typeof createSpec>[0] & { file?: string; prefix?: string; "dry-run"?: boolean };
  const asJson = flags.json === true;
  // Everything that can be checked without Argyle is checked before the first request.
  const connected = () => connect(name, flags, client, io.env);
  switch (command) {
    case "list": {
      noPositionals(name, positionals);
      const api = await connected();
      if (asJson) {
        write(io, json((await api.webhooks.list().toArray()).map(maskSecret)));
        return EXIT.ok;
      }
      let count = 0;
      for await (const sub of api.webhooks.list()) {
        write(io, subscriptionLine(sub));
        count++;
      }
      if (count === 0) write(io, "no subscriptions");
      return EXIT.ok;
    }
    case "get": {
      const [id] = positionals;
      if (id === undefined || positionals.length > 1)
        throw new UsageError("Give exactly one subscription id.", name);
      const api = await connected();
      const sub = await asUsage(name, () => api.webhooks.get(id));
      write(io, asJson ? json(maskSecret(sub)) : subscriptionLine(sub));
      return EXIT.ok;
    }
    case "delete": {
      if (positionals.length === 0) throw new UsageError("Give at least one subscription id.", name);
      const api = await connected();
      const deleted: string[] = [];
      for (const id of positionals) {
        try {
          await asUsage(name, () => api.webhooks.delete(id));
        } catch (error) {
          // Like trigger --json: one result document, also when a call failed (exit 1 all the same).
          if (asJson && error instanceof client.ArgyleClientError)
            write(io, json({ deleted, failed: { id, error: error.message } }));
          throw error;
        }
        deleted.push(id);
        if (!asJson) write(io, `deleted ${id}`);
      }
      if (asJson) write(io, json({ deleted }));
      return EXIT.ok;
    }
    case "create": {
      noPositionals(name, positionals);
      const spec = createSpec(flags, io.env);
      const api = await connected();
      const sub = await asUsage(name, () => api.webhooks.create(spec as CreateInput));
      write(io, asJson ? json(maskSecret(sub)) : `created ${subscriptionLine(sub)}`);
      return EXIT.ok;
    }
    case "sync": {
      noPositionals(name, positionals);
      const { prefix, subscriptions } = await readDesired(flags, io);
      const api = await connected();
      let plan: ClientModule.ArgyleSyncPlan;
      try {
        plan = await asUsage(name, () =>
          api.webhooks.sync(subscriptions, { prefix, dryRun: flags["dry-run"] === true, print: false }),
        );
      } catch (error) {
        // The plan goes to stdout as on success (with the step it stopped at); the reason to stderr, exit 1.
        if (!(error instanceof client.ArgyleSyncError)) throw error;
        const { action, name: failed } = error.failedStep;
        write(
          io,
          asJson
            ? json({ ...error.plan, failed: { action, name: failed, error: error.message } })
            : client.formatSyncPlan(error.plan),
        );
        throw error;
      }
      write(io, asJson ? json(plan) : client.formatSyncPlan(plan));
      return EXIT.ok;
    }
  }
}

/**
 * `argyle-webhooks subscriptions <list|get|create|delete|sync> ...`: manages Argyle webhook subscriptions through
 * the public API of `@argyle-webhooks/client`, with the usage text, errors and exit codes of the other commands
 * (0 done, 1 Argyle refused a call or could not be reached, 2 bad arguments).
 */
export async function subscriptionsCommand(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    const topic = command === "help" ? rest[0] : undefined;
    if (topic !== undefined && !isCommand(topic))
      throw new UsageError(`No help for "subscriptions ${topic}": no such command.`, "subscriptions");
    io.stdout.write(
      `${SUBSCRIPTIONS_HELP[topic === undefined ? "subscriptions" : `subscriptions ${topic}`]}\n`,
    );
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!isCommand(command))
    throw new UsageError(
      `Unknown command "subscriptions ${command}" (list, get, create, delete or sync).`,
      "subscriptions",
    );
  if (wantsHelp(rest)) {
    io.stdout.write(`${SUBSCRIPTIONS_HELP[`subscriptions ${command}`]}\n`);
    return EXIT.ok;
  }
  const client = await loadClient();
  if (client === undefined) {
    io.stderr.write(
      `argyle-webhooks subscriptions could not load ${CLIENT} (a dependency of @argyle-webhooks/testing): reinstall it.\n  npm install ${CLIENT}\n`,
    );
    return EXIT.usage;
  }
  try {
    return await run(command, rest, client, io);
  } catch (error) {
    // An Argyle call failed (a sync stopping part way is one too): no stack, the message says what and where.
    if (error instanceof client.ArgyleClientError || error instanceof client.ArgyleSyncError) {
      io.stderr.write(`argyle-webhooks: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}
