/**
 * Thrown by `sendDelivery` when no HTTP response came back (connection refused, DNS failure, timeout). An HTTP
 * error status is never thrown: it is returned.
 *
 * @example
 * ```ts
 * try { await sendDelivery(url, delivery); }
 * catch (error) { if (error instanceof ArgyleDeliveryError) console.error(error.message, error.cause); }
 * ```
 */
export class ArgyleDeliveryError extends Error {
  /** The URL the delivery was sent to. */
  readonly url: string;
  /** The event of the delivery, when known. */
  readonly event: string | undefined;

  constructor(message: string, url: string, event: string | undefined, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ArgyleDeliveryError";
    this.url = url;
    this.event = event;
  }
}
