import { printable } from "./printable.js";

/**
 * Thrown to `onError` when handlers of a delivery failed: every failure is in `errors` (all handlers run
 * concurrently, so one failure does not hide another).
 *
 * @example
 * ```ts
 * webhooks.onError((error) => { for (const e of error.errors) log.error(e); });
 * ```
 */
export class ArgyleWebhookHandlerError extends AggregateError {
  override readonly name = "ArgyleWebhookHandlerError";
  constructor(
    errors: readonly unknown[],
    /** The event whose handlers failed. */
    readonly event: string,
  ) {
    super(
      errors,
      `${errors.length} handler${errors.length === 1 ? "" : "s"} failed for ${printable(event)}: ${errors.map(describe).join("; ")}`,
    );
  }
}

/** Never throws: a thrown value `String()` cannot convert (`Object.create(null)`) must still reach `onError`. */
function describe(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    try {
      return Object.prototype.toString.call(error);
    } catch {
      return "[unprintable value]";
    }
  }
}

/**
 * Thrown by the constructor for options that cannot work (no secret, a typo in a handler name, ...).
 *
 * @example
 * ```ts
 * try { new ArgyleWebhooks({}); } catch (e) { if (e instanceof ArgyleWebhooksConfigError) console.error(e.message); }
 * ```
 */
export class ArgyleWebhooksConfigError extends TypeError {
  override readonly name = "ArgyleWebhooksConfigError";
}
