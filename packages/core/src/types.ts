import type { ArgyleWebhookHandlerError } from "./errors.js";
import type {
  ArgyleEventHandlers,
  ArgyleWebhookEvent,
  ArgyleWebhookEventMap,
  ArgyleWebhookEventName,
  ArgyleWebhookFamily,
  ArgyleWebhookFamilyMap,
} from "./generated/index.js";
import type { ArgyleInboxPort } from "./inbox-port.js";
import type { ArgyleWebhooksLogger } from "./logger.js";
import type { ArgyleTelemetryApi } from "./telemetry.js";
import type { ValidationError } from "./validation-error.js";

/**
 * What a handler gets besides the message: the exact bytes and headers, and facts about the delivery.
 * @example
 * ```ts
 * webhooks.onGigsAdded((event, context: ArgyleWebhookContext) => {
 *   console.log(context.deliveryKey, context.subscription, context.secretIndex, context.rawBody.byteLength);
 * });
 * ```
 */
export interface ArgyleWebhookContext {
  /** The request body exactly as received (the signed bytes). */
  readonly rawBody: Uint8Array;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Index of the matching secret in the list that was tried: with `secret` alone, its index in `secret`; with `secrets`, in the subscription's list followed by `secret` (or in every secret when the name was unknown); `undefined` when unsigned. */
  readonly secretIndex: number | undefined;
  /** The message's `name`: the Argyle subscription that sent it. */
  readonly subscription: string | undefined;
  /**
   * SHA-256 (hex) of the raw body. Argyle sends no delivery id, so a redelivery of the same message has the same
   * key: use it to recognise duplicates. Computed on first read.
   */
  readonly deliveryKey: string;
  /** Schema errors when `validation: "warn"` let an invalid message through; otherwise `undefined`. */
  readonly validationErrors: readonly ValidationError[] | undefined;
  /**
   * Whether the message matched its event's schema. With `validation: "warn"` an invalid message still reaches its
   * handler: then `valid` is false and `errors` says why; only the envelope (`event`, `name`, `data` an object) is
   * guaranteed. `checked` is false when nothing was validated (`validation: "off"`, or an unknown event).
   */
  readonly validation: ArgyleWebhookValidation;
}

/**
 * The outcome of schema validation for one delivery, as `context.validation`.
 * @example
 * ```ts
 * webhooks.onAccountsUpdated((event, context) => {
 *   if (!context.validation.valid) return console.warn(context.validation.errors.map((e) => e.message));
 *   console.log(event.data.account.toUpperCase()); // typed string, and it is one: the message matched
 * });
 * ```
 */
export interface ArgyleWebhookValidation {
  /** Whether the message was validated at all (false with `validation: "off"` and for unknown events). */
  readonly checked: boolean;
  /** True only when the message was validated and matched its schema: its fields are what its type says. */
  readonly valid: boolean;
  /** Why it did not match (empty when it did or was not checked); at most the first few errors. */
  readonly errors: readonly ValidationError[];
}

/**
 * A message whose event is not in the catalog (Argyle added one after this release).
 * @example
 * ```ts
 * webhooks.onUnknown((event: UnknownWebhookMessage) => console.warn("new Argyle event", event.event, event.data));
 * ```
 */
export interface UnknownWebhookMessage {
  event: string;
  name?: unknown;
  data: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * The handler of one event.
 * @example
 * ```ts
 * const onGigsAdded: ArgyleWebhookHandler<"gigs.added"> = (event) => console.log(event.data.added_count);
 * ```
 */
export type ArgyleWebhookHandler<E extends ArgyleWebhookEventName> = (
  event: ArgyleWebhookEventMap[E],
  context: ArgyleWebhookContext,
) => unknown;

/**
 * `onAny`: every delivery, known or not.
 * @example
 * ```ts
 * const audit: ArgyleAnyHandler = (event, context) => console.log(event.event, context.deliveryKey);
 * ```
 */
export type ArgyleAnyHandler = (
  event: ArgyleWebhookEvent | UnknownWebhookMessage,
  context: ArgyleWebhookContext,
) => unknown;

/**
 * `onUnknown`: events not in the catalog.
 * @example
 * ```ts
 * const onUnknown: ArgyleUnknownHandler = (event) => console.warn("unknown event", event.event);
 * ```
 */
export type ArgyleUnknownHandler = (event: UnknownWebhookMessage, context: ArgyleWebhookContext) => unknown;

/**
 * `onInvalid`: a verified message that fails its schema. It may have any shape, so it is typed loosely.
 * @example
 * ```ts
 * const onInvalid: ArgyleInvalidHandler = (event, errors) => console.warn(event.event, errors.map((e) => e.instancePath));
 * ```
 */
export type ArgyleInvalidHandler = (
  event: UnknownWebhookMessage,
  errors: readonly ValidationError[],
  context: ArgyleWebhookContext,
) => unknown;

/**
 * `onError`: handler failures, aggregated per delivery.
 * @example
 * ```ts
 * const onError: ArgyleErrorHandler = (error) => console.error(error.event, error.errors);
 * ```
 */
export type ArgyleErrorHandler = (error: ArgyleWebhookHandlerError, context: ArgyleWebhookContext) => unknown;

/**
 * Every handler that can be passed in the `handlers` option.
 * @example
 * ```ts
 * const handlers: ArgyleWebhookHandlers = { onGigsAdded: (event) => event.data.added_count, onError: (error) => console.error(error) };
 * ```
 */
export interface ArgyleWebhookHandlers extends ArgyleEventHandlers<ArgyleWebhookContext> {
  onAny?: ArgyleAnyHandler;
  onUnknown?: ArgyleUnknownHandler;
  onInvalid?: ArgyleInvalidHandler;
  onError?: ArgyleErrorHandler;
}

/**
 * `"gigs.*"`: every event of a family.
 * @example
 * ```ts
 * const family: ArgyleFamilyWildcard = "gigs.*";
 * webhooks.on(family, (event) => event.event);
 * ```
 */
export type ArgyleFamilyWildcard = `${ArgyleWebhookFamily}.*`;

/**
 * The message type a family wildcard receives.
 * @example
 * ```ts
 * const handle = (event: ArgyleFamilyEvent<"gigs.*">) => event.event; // "gigs.added" | "gigs.updated" | ...
 * ```
 */
export type ArgyleFamilyEvent<W extends ArgyleFamilyWildcard> =
  W extends `${infer F extends ArgyleWebhookFamily}.*` ? ArgyleWebhookFamilyMap[F] : never;

/**
 * Remembers which deliveries were handled, for the `dedupe` option.
 * @example
 * ```ts
 * const store: ArgyleDedupeStore = {
 *   seen: async (key) => (await redis.set(`argyle:${key}`, "1", "EX", 86_400, "NX")) === null,
 *   forget: async (key) => void (await redis.del(`argyle:${key}`)),
 * };
 * ```
 */
export interface ArgyleDedupeStore {
  /**
   * Records `key` if it is new. Resolves true when it was already recorded (a duplicate), false otherwise.
   * Implementations must make check-and-record atomic for concurrent calls.
   */
  seen(key: string): boolean | Promise<boolean>;
  /** Forgets `key`, so a delivery whose handlers failed can be retried. */
  forget?(key: string): void | Promise<void>;
}

/**
 * Options of `new ArgyleWebhooks(...)` and of every adapter.
 * @example
 * ```ts
 * const options: ArgyleWebhooksOptions = { secret: process.env.ARGYLE_WEBHOOK_SECRET, validation: "reject", timeoutMs: 3000 };
 * ```
 */
export interface ArgyleWebhooksOptions {
  /** The subscription secret, or several (rotation: any may match). */
  secret?: string | readonly string[];
  /**
   * Secrets per subscription `name`. Every configured secret is tried over the raw bytes (nothing in the body is read
   * first); the matching one must then belong to the verified message's `name`, or be in `secret` (the fallback).
   */
  secrets?: Readonly<Record<string, string | readonly string[]>>;
  /** Accept unsigned deliveries (subscriptions created without a secret). Explicit, and warned about once. */
  unsigned?: boolean;
  /** `"warn"` (default): dispatch invalid payloads and report them to `onInvalid`; `"reject"`: answer 422; `"off"`. */
  validation?: "warn" | "reject" | "off";
  /** Largest body accepted, in bytes or as `"1mb"`. Default 1 MiB. */
  limit?: number | string;
  /**
   * Most bytes that bodies still arriving may hold at once, all requests of this instance together, in bytes or as
   * `"64mb"`. A request whose body would pass it is answered 503 with `Retry-After` (Argyle retries it), so stalled
   * near-limit bodies cannot exhaust memory. Default 64 MiB; at least `limit`.
   */
  pendingLimit?: number | string;
  /** Answer 202 when handlers are still running after this many ms (they keep running; the dedupe store gets as long). Default 5000. */
  timeoutMs?: number;
  /** Answer 408 when the body has not fully arrived after this many ms. Default 10000. */
  readTimeoutMs?: number;
  /** Only accept requests from these addresses or CIDR ranges (see `ARGYLE_WEBHOOK_IPS`). */
  allowedIps?: readonly string[];
  /** Where refusals and failures are reported; `false` for silence. Default: warnings and errors to the console. */
  logger?: ArgyleWebhooksLogger | false;
  /** Typed handlers (`onGigsPartiallySynced`, ...) and `onAny`, `onUnknown`, `onInvalid`, `onError`. */
  handlers?: ArgyleWebhookHandlers;
  /** Adapters only: handle this path and pass every other request to `next()`. */
  path?: string;
  /** Answer 200 to a repeated delivery without running handlers again: `true` for the in-memory store, or a store. */
  dedupe?: boolean | ArgyleDedupeStore;
  /** Durable delivery: commit each accepted delivery to this inbox before answering (`@argyle-webhooks/inbox`). */
  inbox?: ArgyleInboxPort;
  /**
   * OpenTelemetry traces and metrics: pass the API module (`import * as otel from "@opentelemetry/api"`). Off by
   * default; nothing of OpenTelemetry is loaded or called without it. See the README's "Observability".
   */
  telemetry?: ArgyleTelemetryApi | false;
}
