import { signArgylePayload } from "@argyle-webhooks/core";

/**
 * How a delivery is serialised and signed.
 *
 * @example
 * ```ts
 * const signed: DeliveryOptions = { secret: "s3cret" }; // pretty-printed, like Argyle
 * const unsignedCompact: DeliveryOptions = { secret: null, pretty: false };
 * ```
 */
export interface DeliveryOptions {
  /**
   * The subscription secret to sign with (`X-Argyle-Signature`). `null` builds an unsigned delivery, for
   * receivers configured with `unsigned: true`.
   */
  secret: string | null;
  /**
   * Pretty-print the body with a 2-space indent and no trailing newline, as Argyle does. Default `true`;
   * `false` gives compact JSON.
   */
  pretty?: boolean;
}

/**
 * The headers of a delivery, lower-case, as Argyle sends them.
 *
 * @example
 * ```ts
 * const headers: ArgyleDeliveryHeaders = createDelivery("gigs.updated", { secret: "s3cret" }).headers;
 * headers["x-argyle-signature"]; // HMAC-SHA512 of the body, hex
 * ```
 */
export interface ArgyleDeliveryHeaders {
  "content-type": string;
  "x-argyle-signature"?: string;
  [name: string]: string | undefined;
}

/**
 * A webhook delivery ready to send: the exact body (as a string and as the UTF-8 bytes that were signed) and
 * the headers.
 *
 * @example
 * ```ts
 * const delivery: ArgyleDelivery = signDelivery({ event: "gigs.renamed", data: {} }, { secret: "s3cret" });
 * delivery.event; // "gigs.renamed"
 * delivery.body; // the exact JSON that was signed
 * ```
 */
export interface ArgyleDelivery<M = unknown> {
  /** The message's `event`, or `undefined` when the body is not a JSON object with a string `event`. */
  readonly event: string | undefined;
  /** The message that was serialised (for a raw body, its parse when it is JSON; otherwise `undefined`). */
  readonly message: M;
  /** The exact body, as sent and signed. */
  readonly body: string;
  /** `body` as UTF-8 bytes: exactly what is sent and signed. */
  readonly bytes: Uint8Array;
  /** `content-type: application/json` and, unless unsigned, `x-argyle-signature`. */
  readonly headers: ArgyleDeliveryHeaders;
}

function eventOf(message: unknown): string | undefined {
  if (message === null || typeof message !== "object" || Array.isArray(message)) return undefined;
  const event = (message as Record<string, unknown>).event;
  return typeof event === "string" ? event : undefined;
}

function tryParse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Signs any message (or an exact raw body) as a delivery. Use it for events the catalog does not know (to test
 * `onUnknown`), for malformed bodies, or to re-sign captured bodies; use `createDelivery` for catalog events.
 *
 * @example
 * ```ts
 * const unknown = signDelivery({ event: "gigs.renamed", name: "test", data: { gig: "g1" } }, { secret: "s3cret" });
 * const raw = signDelivery('{"event":"gigs.updated"', { secret: "s3cret" }); // a string is sent byte for byte
 * ```
 */
export function signDelivery<M extends object>(message: M, options: DeliveryOptions): ArgyleDelivery<M>;
export function signDelivery(body: string, options: DeliveryOptions): ArgyleDelivery<unknown>;
export function signDelivery(message: object | string, options: DeliveryOptions): ArgyleDelivery<unknown> {
  const pretty = options.pretty ?? true;
  const body = typeof message === "string" ? message : JSON.stringify(message, null, pretty ? 2 : undefined);
  if (typeof body !== "string") throw new TypeError("The message cannot be serialised as JSON.");
  const parsed = typeof message === "string" ? tryParse(message) : message;
  const bytes = new Uint8Array(Buffer.from(body, "utf8"));
  const headers: ArgyleDeliveryHeaders = { "content-type": "application/json" };
  if (options.secret !== null) {
    if (typeof options.secret !== "string" || options.secret === "") {
      throw new TypeError(
        "signDelivery: `secret` must be a non-empty string, or null for an unsigned delivery.",
      );
    }
    headers["x-argyle-signature"] = signArgylePayload(bytes, options.secret);
  }
  return { event: eventOf(parsed), message: parsed, body, bytes, headers };
}
