import type { ArgyleSubscriptionSpec } from "@argyle-webhooks/client";
import { argyleWebhookEventNames } from "@argyle-webhooks/core";
import { selectArgyleEvents, UnknownEventError } from "../select-events.js";
import { readInput } from "./input.js";
import { type CliIO, UsageError } from "./io.js";
import { stringOption } from "./parse.js";

const CREATE = "subscriptions create";
const SYNC = "subscriptions sync";

/**
 * JSON.parse, with an error that says where the syntax error is but quotes none of the text: V8's message
 * includes a snippet of the input, which may be a secret next to the mistake.
 */
function parseJson(text: string, what: string, command: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    let where = "";
    if (position !== undefined) {
      const before = text.slice(0, Number(position)).split("\n");
      where = ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    } else if (/end of JSON input/i.test((error as Error).message)) where = " (it ends too early)";
    throw new UsageError(`${what} is not valid JSON${where}.`, command);
  }
}

function secretFromEnv(name: string, env: CliIO["env"], where: string, command: string): string {
  const value = env[name];
  if (!value) throw new UsageError(`${where}: the environment variable ${name} is not set.`, command);
  return value;
}

/** Refuses an event that is neither `*` nor in the catalog, with the catalog's hint (the events of its family). */
function checkEvent(event: string): void {
  if (event === "*" || (argyleWebhookEventNames as readonly string[]).includes(event)) return;
  try {
    selectArgyleEvents(event);
  } catch (error) {
    if (error instanceof UnknownEventError) throw new UsageError(error.message, CREATE);
    throw error;
  }
  // A selector such as "gigs.*" or "all": Argyle subscribes to event names (or "*"), not to families.
  throw new UsageError(
    `"${event}" is not an event name: give each event (argyle-webhooks events ${event}), or '*' for every event.`,
    CREATE,
  );
}

/** The subscription `subscriptions create` sends, from its flags. */
export function createSpec(
  values: {
    event?: string[] | undefined;
    name?: string | undefined;
    url?: string | undefined;
    secret?: string | undefined;
    "secret-env"?: string | undefined;
    config?: string | undefined;
  },
  env: CliIO["env"],
): ArgyleSubscriptionSpec {
  const events = (values.event ?? [])
    .flatMap((e) => e.split(","))
    .map((e) => e.trim())
    .filter(Boolean);
  if (events.length === 0)
    throw new UsageError("Missing --event (e.g. --event gigs.partially_synced, or --event '*').", CREATE);
  for (const event of events) checkEvent(event);
  const name = stringOption(values.name);
  const url = stringOption(values.url);
  if (!name) throw new UsageError("Missing --name (the subscription's name).", CREATE);
  if (!url) throw new UsageError("Missing --url (the endpoint Argyle delivers to).", CREATE);
  if (values.secret !== undefined && values["secret-env"] !== undefined)
    throw new UsageError("--secret and --secret-env conflict.", CREATE);
  const secret =
    values["secret-env"] !== undefined
      ? secretFromEnv(values["secret-env"], env, "--secret-env", CREATE)
      : values.secret;
  let config: Record<string, unknown> | undefined;
  if (values.config !== undefined) {
    const parsed = parseJson(values.config, "--config", CREATE);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw new UsageError("--config must hold a JSON object, e.g. --config '{\"days_synced\":60}'.", CREATE);
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

/** The prefix and subscriptions `subscriptions sync` aims for: `--file` (or stdin for `-`), secrets from `secretEnv`. */
export async function readDesired(
  values: { file?: string | undefined; prefix?: string | undefined },
  io: CliIO,
): Promise<{ prefix: string; subscriptions: ArgyleSubscriptionSpec[] }> {
  const file = values.file;
  if (!file) throw new UsageError("Missing --file (the desired subscriptions, or - for stdin).", SYNC);
  const name = file === "-" ? "stdin" : file;
  const parsed = parseJson((await readInput(SYNC, file, io)).toString("utf8"), name, SYNC);
  const document = Array.isArray(parsed)
    ? { subscriptions: parsed }
    : (parsed as { prefix?: unknown; subscriptions?: unknown } | null);
  if (!document || typeof document !== "object" || !Array.isArray(document.subscriptions)) {
    throw new UsageError(
      `${name} must hold a JSON array of subscriptions or { "prefix": "...", "subscriptions": [...] }.`,
      SYNC,
    );
  }
  const prefix = values.prefix ?? (typeof document.prefix === "string" ? document.prefix : undefined);
  if (!prefix)
    throw new UsageError(
      `Missing --prefix (or "prefix" in ${name}): only subscriptions named with it are managed.`,
      SYNC,
    );
  const subscriptions = document.subscriptions.map((entry: unknown, index: number) => {
    const where = `${name}: subscription #${index + 1}`;
    if (!entry || typeof entry !== "object" || Array.isArray(entry))
      throw new UsageError(`${where} is not an object.`, SYNC);
    const { secretEnv, ...spec } = entry as Record<string, unknown>;
    if (secretEnv !== undefined) {
      if (typeof secretEnv !== "string")
        throw new UsageError(`${where}: secretEnv must name an environment variable.`, SYNC);
      if (spec.secret !== undefined) throw new UsageError(`${where}: secret and secretEnv conflict.`, SYNC);
      spec.secret = secretFromEnv(secretEnv, io.env, where, SYNC);
    }
    return spec as unknown as ArgyleSubscriptionSpec;
  });
  return { prefix, subscriptions };
}
