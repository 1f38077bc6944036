import { isThenable } from "./is-thenable.js";
import type { ArgyleWebhooksLogger } from "./logger.js";
import type { ArgyleDedupeStore } from "./types.js";

/** What the duplicate guard concluded: run the handlers, skip them, or answer 503 so Argyle retries. */
export type DuplicateVerdict = "new" | "duplicate" | "unavailable";

/**
 * Asks the store whether `key` was seen, within `timeoutMs`. A store that throws, rejects or does not answer in
 * time gives `unavailable` (never `duplicate`, which would lose the event); if a late answer then says the key was
 * recorded, it is forgotten again so Argyle's redelivery is processed.
 * @example
 * ```ts
 * const verdict = await checkDuplicate(store, context.deliveryKey, 5000, logger); // "new" | "duplicate" | "unavailable"
 * ```
 */
export function checkDuplicate(
  store: ArgyleDedupeStore,
  key: string,
  timeoutMs: number,
  logger: ArgyleWebhooksLogger,
): DuplicateVerdict | Promise<DuplicateVerdict> {
  let answer: unknown;
  try {
    answer = store.seen(key);
  } catch (error) {
    logger.error?.("dedupe store seen() threw: answered 503 so Argyle retries", { error });
    return "unavailable";
  }
  if (!isThenable(answer)) return answer === true ? "duplicate" : "new";
  return new Promise<DuplicateVerdict>((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      logger.error?.(
        `dedupe store seen() did not answer within ${timeoutMs} ms: answered 503 so Argyle retries`,
      );
      resolve("unavailable");
    }, timeoutMs);
    timer.unref?.();
    Promise.resolve(answer).then(
      (seen) => {
        clearTimeout(timer);
        if (!timedOut) resolve(seen === true ? "duplicate" : "new");
        else if (seen !== true) forgetQuietly(store, key, logger);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!timedOut)
          logger.error?.("dedupe store seen() failed: answered 503 so Argyle retries", { error });
        resolve("unavailable");
      },
    );
  });
}

/**
 * Calls `store.forget(key)` if the store has it; a failure (sync or async) is logged, never thrown.
 * @example
 * ```ts
 * forgetQuietly(store, context.deliveryKey, logger);
 * ```
 */
export function forgetQuietly(store: ArgyleDedupeStore, key: string, logger: ArgyleWebhooksLogger): void {
  if (typeof store.forget !== "function") return;
  void Promise.resolve()
    .then(() => store.forget?.(key))
    .catch((error: unknown) => logger.error?.("dedupe store forget() failed", { error }));
}
