/** Where a refusal is logged: the level of its `"<status> <title>: <detail>"` line with `{ remoteAddress }`. */
export type RefusalLogLevel = "debug" | "info" | "warn" | "error";

/** The limits a refusal's detail may quote. */
export interface RefusalLimits {
  readonly limit: number;
  readonly readTimeoutMs: number;
  readonly pendingLimit: number;
}

/**
 * One answer the algorithm gives when it does not run the handlers (or they failed): an RFC 9457 problem.
 * @example
 * ```ts
 * const { status, title } = REFUSALS.bodyTooLarge; // 413, "Body too large"
 * ```
 */
export interface Refusal {
  readonly status: number;
  /** The problem `type`, a stable URN clients can branch on. */
  readonly type: string;
  readonly title: string;
  /** The fixed text (or one built from the configured limits); a few refusals take theirs from the step. */
  readonly detail: string | ((limits: RefusalLimits) => string);
  /**
   * The level of the refusal's own log line; absent when the step that decided it logs its own words instead
   * (schema failures, the dedupe guard, the inbox, handler failures).
   */
  readonly level?: RefusalLogLevel;
  /** Headers besides `Content-Type: application/problem+json`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The Node adapters (node:http, Express, Koa) also send `Connection: close`, ending a client still sending. */
  readonly closesConnection?: boolean;
}

const URN = "urn:argyle-webhooks:problem:";
const MISMATCH = "The X-Argyle-Signature does not match the body for any configured secret.";
const RETRY_SOON = { "retry-after": "5" } as const;

/**
 * Every refusal, in the order the algorithm checks them: the one table the responses, the log lines and the
 * README's "What each request gets" are built from (a test compares the README with it row by row).
 * @example
 * ```ts
 * REFUSALS.methodNotAllowed.headers; // { allow: "POST" }
 * ```
 */
export const REFUSALS = {
  methodNotAllowed: {
    status: 405,
    type: `${URN}method-not-allowed`,
    title: "Method not allowed",
    detail: "Argyle webhooks are delivered with POST.",
    level: "debug",
    headers: { allow: "POST" },
  },
  forbiddenSource: {
    status: 403,
    type: `${URN}forbidden-source`,
    title: "Forbidden source",
    detail: "This address is not in the allowed list for Argyle webhooks.",
    level: "warn",
  },
  unsupportedMediaType: {
    status: 415,
    type: `${URN}unsupported-media-type`,
    title: "Unsupported media type",
    detail: "Argyle webhooks are JSON: Content-Type must be application/json.",
    level: "info",
  },
  signatureMissing: {
    status: 401,
    type: `${URN}invalid-signature`,
    title: "Invalid signature",
    detail: "The X-Argyle-Signature header is missing.",
    level: "warn",
  },
  signatureMalformed: {
    status: 401,
    type: `${URN}invalid-signature`,
    title: "Invalid signature",
    detail: "The X-Argyle-Signature header is not a hex HMAC-SHA512.",
    level: "warn",
  },
  bodyTooLarge: {
    status: 413,
    type: `${URN}body-too-large`,
    title: "Body too large",
    detail: (limits) => `The body exceeds the limit of ${limits.limit} bytes.`,
    level: "info",
  },
  bodyTimeout: {
    status: 408,
    type: `${URN}body-timeout`,
    title: "Body timeout",
    detail: (limits) => `The body did not arrive within ${limits.readTimeoutMs} ms.`,
    level: "info",
    closesConnection: true,
  },
  busy: {
    status: 503,
    type: `${URN}unavailable`,
    title: "Busy",
    detail: (limits) =>
      `Bodies still arriving hold more than pendingLimit (${limits.pendingLimit} bytes); retry later.`,
    level: "warn",
    headers: RETRY_SOON,
    closesConnection: true,
  },
  bodyAborted: {
    status: 400,
    type: `${URN}malformed-message`,
    title: "Body aborted",
    detail: "The client closed the connection before the body was complete.",
    level: "debug",
  },
  rawBodyUnavailable: {
    status: 500,
    type: `${URN}internal`,
    title: "Raw body unavailable",
    /** Replaced by the adapter's hint, in the framework's own terms, when it has one. */
    detail: "The body was consumed before the webhook middleware ran.",
    level: "error",
  },
  signatureMismatch: {
    status: 401,
    type: `${URN}invalid-signature`,
    title: "Invalid signature",
    detail: MISMATCH,
    level: "warn",
  },
  notUtf8: {
    status: 400,
    type: `${URN}malformed-message`,
    title: "Malformed message",
    detail: "The body is not valid UTF-8.",
    level: "info",
  },
  notJson: {
    status: 400,
    type: `${URN}malformed-message`,
    title: "Malformed message",
    detail: "The body is not valid JSON.",
    level: "info",
  },
  notObject: {
    status: 400,
    type: `${URN}malformed-message`,
    title: "Malformed message",
    detail: "The body is not a JSON object.",
    level: "info",
  },
  noEvent: {
    status: 400,
    type: `${URN}malformed-message`,
    title: "Malformed message",
    detail: 'The message has no string "event".',
    level: "info",
  },
  noData: {
    status: 400,
    type: `${URN}malformed-message`,
    title: "Malformed message",
    detail: 'The message has no object "data".',
    level: "info",
  },
  invalidPayload: {
    status: 422,
    type: `${URN}invalid-payload`,
    title: "Invalid payload",
    /** Replaced by `The <event> message does not match its schema.`; the body lists the errors. */
    detail: "The message does not match its schema.",
  },
  dedupeUnavailable: {
    status: 503,
    type: `${URN}unavailable`,
    title: "Dedupe store unavailable",
    detail: "The duplicate guard could not answer; handlers did not run. Argyle will redeliver.",
    headers: RETRY_SOON,
    closesConnection: true,
  },
  storeUnavailable: {
    status: 503,
    type: `${URN}unavailable`,
    title: "Store unavailable",
    /** Replaced by the inbox step's own words; `Retry-After` is the inbox's `retryAfterSeconds` (default 30). */
    detail: "The delivery could not be stored. Argyle will redeliver it.",
    headers: { "retry-after": "30" },
    closesConnection: true,
  },
  handlerFailed: {
    status: 500,
    type: `${URN}internal`,
    title: "Handler failed",
    detail: "A handler failed to process the webhook; it was reported to onError. Argyle may redeliver it.",
  },
  internalError: {
    status: 500,
    type: `${URN}internal`,
    title: "Internal error",
    detail: "Unexpected failure while receiving the webhook.",
  },
} as const satisfies Record<string, Refusal>;

/**
 * The name of a refusal in {@link REFUSALS}.
 * @example
 * ```ts
 * const name: RefusalName = "bodyTooLarge";
 * ```
 */
export type RefusalName = keyof typeof REFUSALS;

const CLOSING = new Set<number>(
  Object.values(REFUSALS as Record<string, Refusal>)
    .filter((r) => r.closesConnection)
    .map((r) => r.status),
);

/**
 * Whether a Node adapter closes the connection after this status (408 and 503: a client may still be sending).
 * @example
 * ```ts
 * if (closesConnection(response.status)) headers.connection = "close";
 * ```
 */
export function closesConnection(status: number): boolean {
  return CLOSING.has(status);
}
