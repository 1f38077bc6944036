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
      `${errors.length} handler${errors.length === 1 ? "" : "s"} failed for ${event}: ${errors.map(describe).join("; ")}`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
