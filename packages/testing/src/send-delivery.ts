import { ArgyleDeliveryError } from "./delivery-error.js";
import type { ArgyleDeliveryHeaders } from "./sign-delivery.js";

/**
 * What `sendDelivery` needs: a body and headers (an `ArgyleDelivery`, or a captured request).
 *
 * @example
 * ```ts
 * const captured: SendableDelivery = {
 *   body: '{"event":"gigs.updated","name":"prod","data":{}}',
 *   headers: { "content-type": "application/json", "x-argyle-signature": recordedSignature },
 * };
 * await sendDelivery(url, captured);
 * ```
 */
export interface SendableDelivery {
  readonly event?: string | undefined;
  readonly body: string | Uint8Array;
  readonly bytes?: Uint8Array;
  readonly headers: ArgyleDeliveryHeaders | Readonly<Record<string, string | undefined>>;
}

/**
 * Options of `sendDelivery`.
 *
 * @example
 * ```ts
 * const options: SendDeliveryOptions = { timeoutMs: 2_000, headers: { "x-request-id": "test-1" } };
 * await sendDelivery(url, createDelivery("gigs.updated", { secret: "s3cret" }), options);
 * ```
 */
export interface SendDeliveryOptions {
  /** Give up after this many milliseconds without a complete response. Default 10 000. */
  timeoutMs?: number;
  /** Extra headers, merged over the delivery's own. */
  headers?: Readonly<Record<string, string>>;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/**
 * The response to one delivery.
 *
 * @example
 * ```ts
 * const result: DeliveryResult = await sendDelivery(url, createDelivery("gigs.updated", { secret: "s3cret" }));
 * if (!result.ok) console.error(`${result.event} got ${result.status} in ${result.ms} ms: ${result.body}`);
 * ```
 */
export interface DeliveryResult {
  /** The delivery's event, when known. */
  readonly event: string | undefined;
  /** Whether the status is 2xx (Argyle treats anything else as a failed delivery). */
  readonly ok: boolean;
  readonly status: number;
  /** Response headers, names lower-case. */
  readonly headers: Record<string, string>;
  /** Response body as text. */
  readonly body: string;
  /** Milliseconds from sending to the end of the response body. */
  readonly ms: number;
}

// Set by fetch from the body and URL; a recorded value would be wrong or refused.
const TRANSPORT_HEADERS = new Set([
  "content-length",
  "host",
  "connection",
  "transfer-encoding",
  "keep-alive",
]);

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return typeof code === "string" && !cause.message.includes(code)
        ? `${code}: ${cause.message}`
        : cause.message;
    }
    return error.message;
  }
  return String(error);
}

/**
 * POSTs a delivery to `url` with its exact body bytes and headers, like Argyle does. Resolves with the status,
 * headers, body and timing whatever the HTTP status; rejects with `ArgyleDeliveryError` only when no response
 * arrived (network failure or timeout).
 *
 * @example
 * ```ts
 * const result = await sendDelivery("http://127.0.0.1:3000/webhooks/argyle",
 *   createDelivery("users.fully_synced", { secret: "s3cret" }));
 * if (!result.ok) console.error(result.status, result.body);
 * ```
 */
export async function sendDelivery(
  url: string | URL,
  delivery: SendableDelivery,
  options: SendDeliveryOptions = {},
): Promise<DeliveryResult> {
  const target = String(url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...delivery.headers, ...options.headers })) {
    const lower = name.toLowerCase();
    if (typeof value === "string" && !TRANSPORT_HEADERS.has(lower)) headers[lower] = value;
  }
  const source =
    delivery.bytes ??
    (typeof delivery.body === "string" ? Buffer.from(delivery.body, "utf8") : delivery.body);
  const body = new Uint8Array(source);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal =
    options.signal && typeof AbortSignal.any === "function"
      ? AbortSignal.any([options.signal, timeout])
      : (options.signal ?? timeout);
  const started = performance.now();
  try {
    const response = await fetch(target, { method: "POST", headers, body, signal, redirect: "manual" });
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      event: delivery.event,
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      headers: responseHeaders,
      body: text,
      ms,
    };
  } catch (error) {
    const what = delivery.event ? `${delivery.event} ` : "";
    const reason = timeout.aborted ? `no response within ${timeoutMs} ms` : describe(error);
    throw new ArgyleDeliveryError(
      `Could not deliver ${what}to ${target}: ${reason}`,
      target,
      delivery.event,
      error,
    );
  }
}
