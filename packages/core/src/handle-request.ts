import { getArgyleWebhookDefinition } from "../../../generated/registry.js";
import type { GeneratedValidator, ValidationError } from "../../../generated/validators.mjs";
import type { ByteBudget } from "./byte-budget.js";
import { checkDuplicate, forgetQuietly } from "./check-duplicate.js";
import { isJsonContentType } from "./content-type.js";
import { decodeUtf8 as decode } from "./decode-utf8.js";
import { createContext } from "./delivery-context.js";
import { ArgyleWebhookHandlerError } from "./errors.js";
import { type AnyListener, invokeAll } from "./invoke-all.js";
import { ERROR, INVALID, type Listeners } from "./listeners.js";
import { loadValidators } from "./load-validators.js";
import { printable } from "./printable.js";
import { headerLine, type RequestSeams } from "./request-seams.js";
import type { ResolvedOptions } from "./resolve-options.js";
import { problem, success, type WebhookResponse } from "./response.js";
import { matchSignature, parseSignatureHeader } from "./signature.js";
import { storeInInbox } from "./store-in-inbox.js";
import type { RequestNote } from "./telemetry.js";
import type { ArgyleWebhookContext } from "./types.js";

/** What the algorithm works with: checked options and registered listeners. */
export interface Engine {
  readonly options: ResolvedOptions;
  readonly listeners: Listeners;
  /** Bytes held by bodies still arriving, shared by every request of this instance (`pendingLimit`). */
  readonly budget?: ByteBudget;
}

type Message = { event: string; name?: unknown; data: Record<string, unknown> };

const MAX_REPORTED_ERRORS = 20;
const NO_MATCH = "The X-Argyle-Signature does not match the body for any configured secret.";

function parseMessage(text: string | undefined): Message | string {
  if (text === undefined) return "The body is not valid UTF-8.";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "The body is not valid JSON.";
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return "The body is not a JSON object.";
  const m = value as Record<string, unknown>;
  if (typeof m.event !== "string") return 'The message has no string "event".';
  if (m.data === null || typeof m.data !== "object" || Array.isArray(m.data))
    return 'The message has no object "data".';
  return m as Message;
}

/**
 * The secrets a verified message may have been signed with, in the order `secretIndex` counts: the subscription's
 * own list (picked by the message's `name`), then `secret`. A name with no entry accepts `secret`, or any secret
 * when there is no `secret`. Read only after the signature matched some configured secret.
 */
function allowedSecrets(options: ResolvedOptions, name: unknown): readonly string[] {
  if (options.bySubscription.size === 0) return options.secrets;
  const own = typeof name === "string" ? options.bySubscription.get(name) : undefined;
  if (own) return options.secrets.length > 0 ? [...own, ...options.secrets] : own;
  return typeof name === "string" && options.secrets.length > 0 ? options.secrets : options.allSecrets;
}

function reportFailure(
  engine: Engine,
  errors: unknown[],
  event: string,
  context: ArgyleWebhookContext,
): void {
  const error = new ArgyleWebhookHandlerError(errors, event);
  const listeners = engine.listeners.get(ERROR);
  // The line itself holds no handler message (they may embed payload data); the errors are in the details.
  const count = `${errors.length} handler${errors.length === 1 ? "" : "s"} failed for ${printable(event)}`;
  if (listeners.length === 0) engine.options.logger.error?.(count, { event, errors });
  else invokeReporting(engine, listeners, [error, context], "onError", event);
}

/** Runs side listeners (`onInvalid`, `onError`) without waiting; their own failures are only logged. */
function invokeReporting(
  engine: Engine,
  listeners: readonly AnyListener[],
  args: unknown[],
  kind: string,
  event: string,
) {
  const log = (failures: unknown[]) => {
    for (const error of failures) engine.options.logger.error?.(`${kind} handler threw`, { event, error });
  };
  const result = invokeAll(listeners, args);
  if (Array.isArray(result)) log(result);
  else void result.then(log);
}

function finish(
  engine: Engine,
  errors: unknown[],
  event: string,
  context: ArgyleWebhookContext,
): WebhookResponse {
  if (errors.length === 0) return success("ok");
  // Release the key first, so Argyle's redelivery runs the handlers again whatever happens while reporting.
  if (engine.options.dedupe) forgetQuietly(engine.options.dedupe, context.deliveryKey, engine.options.logger);
  try {
    reportFailure(engine, errors, event, context);
  } catch (error) {
    engine.options.logger.error?.("could not report a handler failure", { event, error });
  }
  return problem(
    500,
    "Handler failed",
    "A handler failed to process the webhook; it was reported to onError. Argyle may redeliver it.",
  );
}

function dispatch(
  engine: Engine,
  listeners: readonly AnyListener[],
  args: unknown[],
  event: string,
  context: ArgyleWebhookContext,
  note?: RequestNote,
) {
  const result = invokeAll(note ? note.handlers(event, listeners) : listeners, args);
  if (Array.isArray(result)) return finish(engine, result, event, context);
  return new Promise<WebhookResponse>((resolve) => {
    const timer = setTimeout(() => {
      engine.options.logger.debug?.("handlers still running: answered 202", { event });
      resolve(success("accepted"));
    }, engine.options.timeoutMs);
    timer.unref?.();
    void result
      .then((errors) => finish(engine, errors, event, context))
      .catch(() =>
        problem(500, "Handler failed", "A handler failed to process the webhook. Argyle may redeliver it."),
      )
      .then((response) => {
        clearTimeout(timer);
        resolve(response);
      });
  });
}

type Level = "debug" | "info" | "warn" | "error";

/**
 * The one HTTP algorithm every adapter runs. Checks in order: method, source address, content type, signature
 * header, body (size, read timeout), signature, message shape, schema; then dispatches. Never throws.
 */
export function handleRequest(engine: Engine, seams: RequestSeams): Promise<WebhookResponse> {
  const telemetry = engine.options.telemetry;
  if (telemetry) return telemetry.observe((note) => handle(engine, seams, note));
  return handle(engine, seams, undefined);
}

async function handle(
  engine: Engine,
  seams: RequestSeams,
  note: RequestNote | undefined,
): Promise<WebhookResponse> {
  const { options } = engine;
  /** A refusal: the problem+json answer, and the same words in the log with the client's address. */
  const no = (
    status: number,
    title: string,
    detail: string,
    level: Level = "info",
    headers: Record<string, string> = {},
  ) => {
    options.logger[level]?.(`${status} ${title}: ${detail}`, { remoteAddress: seams.remoteAddress });
    return problem(status, title, detail, {}, headers);
  };
  if (seams.method !== "POST")
    return no(405, "Method not allowed", "Argyle webhooks are delivered with POST.", "debug");
  if (options.ipAllowed && !options.ipAllowed(seams.remoteAddress)) {
    return no(
      403,
      "Forbidden source",
      "This address is not in the allowed list for Argyle webhooks.",
      "warn",
    );
  }
  if (!isJsonContentType(headerLine(seams.header("content-type")))) {
    return no(
      415,
      "Unsupported media type",
      "Argyle webhooks are JSON: Content-Type must be application/json.",
    );
  }
  const signatures = options.unsigned ? [] : parseSignatureHeader(seams.header("x-argyle-signature"));
  if (!options.unsigned && signatures.length === 0) {
    const present = seams.header("x-argyle-signature") !== undefined;
    return no(
      401,
      "Invalid signature",
      present
        ? "The X-Argyle-Signature header is not a hex HMAC-SHA512."
        : "The X-Argyle-Signature header is missing.",
      "warn",
    );
  }

  const pendingRead = seams.readBody(options.limit, options.readTimeoutMs, engine.budget);
  const read = pendingRead instanceof Promise ? await pendingRead : pendingRead;
  if (!read.ok) {
    switch (read.reason) {
      case "too-large":
        return no(413, "Body too large", `The body exceeds the limit of ${options.limit} bytes.`);
      case "timeout":
        return no(408, "Body timeout", `The body did not arrive within ${options.readTimeoutMs} ms.`);
      case "busy":
        return no(
          503,
          "Busy",
          `Bodies still arriving hold more than pendingLimit (${options.pendingLimit} bytes); retry later.`,
          "warn",
          { "retry-after": "5" },
        );
      case "aborted":
        return no(
          400,
          "Body aborted",
          "The client closed the connection before the body was complete.",
          "debug",
        );
      default:
        return no(
          500,
          "Raw body unavailable",
          read.hint ?? "The body was consumed before the webhook middleware ran.",
          "error",
        );
    }
  }
  const body = read.body;

  // Nothing from the body is read before a signature matches: with `secrets`, every configured secret is tried
  // over the raw bytes (one HMAC each), so a forgery costs the same whatever its body or `name` says.
  let matched: string | undefined;
  if (!options.unsigned) {
    // The web build's matchSignature is asynchronous (Web Crypto); the Node build's answers at once.
    const match = matchSignature(body, signatures, options.allSecrets) as number | Promise<number>;
    const index = match instanceof Promise ? await match : match;
    matched = options.allSecrets[index];
    if (matched === undefined) return no(401, "Invalid signature", NO_MATCH, "warn");
  }

  const message = parseMessage(decode(body));
  let secretIndex: number | undefined;
  if (matched !== undefined) {
    // The secret must belong to the subscription the verified message names (or be the `secret` fallback).
    secretIndex = allowedSecrets(options, typeof message === "string" ? undefined : message.name).indexOf(
      matched,
    );
    if (secretIndex < 0) return no(401, "Invalid signature", NO_MATCH, "warn");
  }
  if (typeof message === "string") return no(400, "Malformed message", message);
  const subscription = typeof message.name === "string" ? message.name : undefined;
  const definition = getArgyleWebhookDefinition(message.event);
  let validate: GeneratedValidator | undefined;
  if (definition && options.validation !== "off") {
    const table = loadValidators();
    validate = (table instanceof Promise ? await table : table)[definition.event];
  }
  let errors: readonly ValidationError[] | undefined;
  if (validate && !validate(message)) errors = (validate.errors ?? []).slice(0, MAX_REPORTED_ERRORS);
  const checked = validate !== undefined;
  const context = createContext(body, seams, secretIndex, subscription, errors, checked);
  note?.delivery(message.event, context);
  if (errors) note?.invalid(message.event, errors);

  if (errors) {
    const invalid = engine.listeners.get(INVALID);
    if (invalid.length === 0)
      options.logger.warn?.(`${printable(message.event)} does not match its schema`, { errors });
    else invokeReporting(engine, invalid, [message, errors, context], "onInvalid", message.event);
    if (options.validation === "reject") {
      return problem(422, "Invalid payload", `The ${message.event} message does not match its schema.`, {
        errors: errors.map((e) => ({ path: e.instancePath || "/", message: e.message ?? e.keyword })),
      });
    }
  }

  if (options.inbox) note?.stored();
  if (options.inbox) return storeInInbox(options.inbox, options.logger, message, context);

  if (options.dedupe) {
    const pending = checkDuplicate(options.dedupe, context.deliveryKey, options.timeoutMs, options.logger);
    const verdict = pending instanceof Promise ? await pending : pending;
    if (verdict === "duplicate") {
      options.logger.debug?.("duplicate delivery: handlers not run again", { event: message.event });
      return success("duplicate");
    }
    if (verdict === "unavailable") {
      return problem(
        503,
        "Dedupe store unavailable",
        "The duplicate guard could not answer; handlers did not run. Argyle will redeliver.",
        {},
        { "retry-after": "5" },
      );
    }
  }

  if (!definition) {
    note?.unknown();
    const listeners = engine.listeners.forUnknown(message.event);
    if (listeners.length === 0)
      options.logger.info?.(`unknown event ${printable(message.event)}: no onUnknown handler`);
    return dispatch(engine, listeners, [message, context], message.event, context, note);
  }
  return dispatch(
    engine,
    engine.listeners.forEvent(definition.event, definition.family),
    [message, context],
    message.event,
    context,
    note,
  );
}
