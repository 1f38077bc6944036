import { type AnyListener, invokeAll } from "./invoke-all.js";
import type { ArgyleWebhooksLogger } from "./logger.js";

/**
 * Runs side listeners (`onInvalid`, `onError`) without waiting for them; their own failures are only logged.
 * @example
 * ```ts
 * notifyQuietly(options.logger, listeners.get(INVALID), [message, errors, context], "onInvalid", message.event);
 * ```
 */
export function notifyQuietly(
  logger: ArgyleWebhooksLogger,
  listeners: readonly AnyListener[],
  args: unknown[],
  kind: string,
  event: string,
): void {
  const log = (failures: unknown[]) => {
    for (const error of failures) logger.error?.(`${kind} handler threw`, { event, error });
  };
  const result = invokeAll(listeners, args);
  if (Array.isArray(result)) log(result);
  else void result.then(log);
}
