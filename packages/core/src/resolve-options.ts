import { parseByteLimit } from "./byte-limit.js";
import { unusableSecret } from "./check-secret.js";
import { closestName } from "./closest-name.js";
import { ArgyleWebhooksConfigError } from "./errors.js";
import { argyleHandlerNames } from "./generated/index.js";
import type { ArgyleInboxPort } from "./inbox-port.js";
import { compileIpAllowList } from "./ip-allow-list.js";
import { type ArgyleWebhooksLogger, consoleLogger, silentLogger } from "./logger.js";
import { createMemoryDedupeStore } from "./memory-dedupe-store.js";
import { ARGYLE_WEBHOOKS_OPTION_NAMES, unknownKey } from "./option-names.js";
import { ArgyleTelemetry } from "./telemetry.js";
import type { ArgyleDedupeStore, ArgyleWebhooksOptions } from "./types.js";

/**
 * Options after checking, with defaults filled in.
 * @example
 * ```ts
 * const { limit, timeoutMs, validation }: ResolvedOptions = new ArgyleWebhooks({ secret }).options;
 * ```
 */
export interface ResolvedOptions {
  /** `secret`, as a list: tried for every message (after the subscription's own, if any). */
  secrets: readonly string[];
  /** `secrets`, by subscription name. */
  bySubscription: ReadonlyMap<string, readonly string[]>;
  /** Every secret, for messages whose subscription cannot be read or has no entry. */
  allSecrets: readonly string[];
  unsigned: boolean;
  validation: "warn" | "reject" | "off";
  limit: number;
  /** Most bytes held at once by bodies still arriving (all requests together); past it a request gets 503. */
  pendingLimit: number;
  timeoutMs: number;
  readTimeoutMs: number;
  ipAllowed: ((address: string | undefined) => boolean) | undefined;
  logger: ArgyleWebhooksLogger;
  path: string | undefined;
  dedupe: ArgyleDedupeStore | undefined;
  inbox: ArgyleInboxPort | undefined;
  /** Traces and metrics, only when the application passed the OpenTelemetry API. */
  telemetry: ArgyleTelemetry | undefined;
}

const SPECIAL_HANDLERS = ["onAny", "onUnknown", "onInvalid", "onError"];
const KNOWN_HANDLERS = new Set([...Object.values(argyleHandlerNames), ...SPECIAL_HANDLERS]);

const ignore = () => {};

/**
 * A logger whose methods never throw and never leave a rejected promise behind: a failing logger (sync or async)
 * must not fail, hang or crash a delivery.
 */
function safeLogger(logger: ArgyleWebhooksLogger): ArgyleWebhooksLogger {
  const out: ArgyleWebhooksLogger = {};
  for (const level of ["debug", "info", "warn", "error"] as const) {
    const method = logger[level];
    if (typeof method !== "function") continue;
    out[level] = (message, details) => {
      try {
        const result: unknown = method.call(logger, message, details);
        if (
          result !== null &&
          typeof result === "object" &&
          typeof (result as Promise<unknown>).then === "function"
        )
          (result as Promise<unknown>).then(undefined, ignore);
      } catch {
        // Logging is best effort.
      }
    };
  }
  return out;
}

function fail(message: string): never {
  throw new ArgyleWebhooksConfigError(`argyle-webhooks: ${message}`);
}

function secretList(value: unknown, where: string): string[] {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
  if (list === undefined) {
    fail(
      `${where} is ${value === undefined ? "undefined (is the environment variable set?)" : typeof value}; expected the secret string you gave Argyle when subscribing, or a list of them`,
    );
  }
  if (list.length === 0) fail(`${where} is an empty list`);
  for (const s of list) {
    const problem = unusableSecret(s);
    if (problem) fail(`${where} contains a secret that ${problem}`);
    if ((s as string).length < 2) fail(`${where} contains a 1-character secret; that is surely a mistake`);
  }
  return list as string[];
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  // Above 2^31-1 ms Node's timers fire at once, which would answer every delivery 202 or 408 immediately.
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > 2_147_483_647) {
    fail(`${name} must be a positive number of milliseconds (at most 2147483647)`);
  }
  return value;
}

/** Checks options at construction, so a wrong setup fails at start-up with a message that says what to pass. */
export function resolveOptions(options: ArgyleWebhooksOptions): ResolvedOptions {
  if (options === null || typeof options !== "object") fail("expected an options object");
  if (typeof (options as { handle?: unknown }).handle === "function" && "options" in options) {
    fail(
      "got an ArgyleWebhooks instance from another copy of @argyle-webhooks/core (its ESM and CommonJS builds, or two installed versions), which this adapter cannot use: pass the options object instead, or create the instance from the same import style as the adapter",
    );
  }
  const unknown = unknownKey(options, ARGYLE_WEBHOOKS_OPTION_NAMES, "option");
  if (unknown) fail(unknown);
  if (options.unsigned !== undefined && typeof options.unsigned !== "boolean") {
    fail(
      `unsigned must be true or false, not ${JSON.stringify(options.unsigned)} (an environment variable is a string: compare it, e.g. unsigned: process.env.X === "true")`,
    );
  }
  const hasSecret = "secret" in options && options.secret !== undefined;
  const hasSecrets = options.secrets !== undefined;
  if (options.unsigned === true && (hasSecret || hasSecrets)) {
    fail("`unsigned: true` cannot be combined with `secret` or `secrets`: choose one");
  }
  if (!options.unsigned && !hasSecret && !hasSecrets) {
    if ("secret" in options) secretList(options.secret, "`secret`");
    fail(
      "no secret. Pass `secret` (the secret of your Argyle webhook subscription, e.g. process.env.ARGYLE_WEBHOOK_SECRET), `secrets` ({ [subscriptionName]: secret }), or `unsigned: true` if your subscriptions have no secret",
    );
  }
  const secrets = hasSecret ? secretList(options.secret, "`secret`") : [];
  const bySubscription = new Map<string, string[]>();
  if (hasSecrets) {
    if (typeof options.secrets !== "object" || options.secrets === null)
      fail("`secrets` must map subscription names to secrets");
    for (const [name, value] of Object.entries(options.secrets))
      bySubscription.set(name, secretList(value, `\`secrets["${name}"]\``));
    if (bySubscription.size === 0 && secrets.length === 0) fail("`secrets` is empty");
  }
  const logger: unknown = options.logger;
  if (logger !== undefined && logger !== false && (logger === null || typeof logger !== "object"))
    fail(
      `logger must be an object with debug/info/warn/error methods (console, pino(), winston) or false, not ${JSON.stringify(logger)}`,
    );
  const validation = options.validation ?? "warn";
  if (!["warn", "reject", "off"].includes(validation))
    fail(`validation must be "warn", "reject" or "off", not ${JSON.stringify(validation)}`);
  for (const [name, handler] of Object.entries(options.handlers ?? {})) {
    if (!KNOWN_HANDLERS.has(name)) {
      const hint = closestName(name, KNOWN_HANDLERS);
      fail(
        `unknown handler "${name}"${hint ? `; did you mean "${hint}"?` : ""} (handler names are listed in argyleHandlerNames)`,
      );
    }
    if (handler !== undefined && typeof handler !== "function")
      fail(`handlers.${name} must be a function, not ${typeof handler}`);
  }
  let limit: number;
  let pendingLimit: number;
  try {
    limit = parseByteLimit(options.limit ?? 1024 * 1024);
    pendingLimit = parseByteLimit(options.pendingLimit ?? 64 * 1024 * 1024, "pendingLimit");
  } catch (error) {
    fail((error as Error).message);
  }
  if (pendingLimit < limit)
    fail(`pendingLimit (${pendingLimit} bytes) must be at least limit (${limit} bytes)`);
  let ipAllowed: ResolvedOptions["ipAllowed"];
  if (options.allowedIps !== undefined) {
    if (!Array.isArray(options.allowedIps) || options.allowedIps.length === 0)
      fail("allowedIps must be a non-empty list");
    try {
      ipAllowed = compileIpAllowList(options.allowedIps);
    } catch (error) {
      fail((error as Error).message);
    }
  }
  if (options.path !== undefined && (typeof options.path !== "string" || !options.path.startsWith("/"))) {
    fail('path must start with "/", e.g. "/webhooks/argyle"');
  }
  const raw: unknown = options.dedupe;
  if (raw !== undefined && raw !== true && raw !== false) {
    if (raw === null || typeof raw !== "object" || typeof (raw as ArgyleDedupeStore).seen !== "function")
      fail(
        `dedupe must be true, false or a store with a seen(key) method, not ${raw === null ? "null" : typeof raw === "object" ? "an object without seen()" : JSON.stringify(raw)}`,
      );
    const forget = (raw as ArgyleDedupeStore).forget;
    if (forget !== undefined && typeof forget !== "function") fail("dedupe.forget must be a function");
  }
  const dedupe =
    raw === true
      ? createMemoryDedupeStore()
      : raw === false
        ? undefined
        : (raw as ArgyleDedupeStore | undefined);
  if (options.inbox !== undefined && typeof options.inbox?.store !== "function")
    fail("inbox must be an inbox from createInbox() (@argyle-webhooks/inbox)");
  if (options.inbox !== undefined && dedupe !== undefined)
    fail(
      "dedupe is not needed with inbox: the inbox recognises duplicates itself, across instances; remove dedupe",
    );
  const api: unknown = options.telemetry;
  if (api !== undefined && api !== false) {
    const shape = api as {
      trace?: { getTracer?: unknown };
      metrics?: { getMeter?: unknown };
      context?: unknown;
    };
    if (
      typeof shape.trace?.getTracer !== "function" ||
      typeof shape.metrics?.getMeter !== "function" ||
      !shape.context
    )
      fail(
        'telemetry must be the OpenTelemetry API module (import * as otel from "@opentelemetry/api") or false',
      );
  }
  const all = new Set(secrets);
  for (const list of bySubscription.values()) for (const s of list) all.add(s);
  const resolved = {
    unsigned: options.unsigned === true,
    validation,
    limit,
    pendingLimit,
    timeoutMs: positive(options.timeoutMs, 5000, "timeoutMs"),
    readTimeoutMs: positive(options.readTimeoutMs, 10_000, "readTimeoutMs"),
    ipAllowed,
    logger: options.logger === false ? silentLogger : safeLogger(options.logger ?? consoleLogger),
    path: options.path,
    dedupe,
    inbox: options.inbox,
    telemetry: options.telemetry ? new ArgyleTelemetry(options.telemetry, options.inbox) : undefined,
  } as ResolvedOptions;
  const spaced = [...all].filter((s) => s.trim() !== s).length;
  if (spaced > 0) {
    resolved.logger.warn?.(
      `${spaced} configured secret${spaced === 1 ? " has" : "s have"} leading or trailing whitespace (a newline from an env file?); it is used as given, so deliveries signed with the trimmed secret will get 401`,
    );
  }
  // Secrets are not enumerable, so serialising or inspecting the options (error reporters do) does not print them.
  Object.defineProperties(resolved, {
    secrets: { value: secrets, enumerable: false },
    bySubscription: { value: bySubscription, enumerable: false },
    allSecrets: { value: [...all], enumerable: false },
  });
  return resolved;
}
