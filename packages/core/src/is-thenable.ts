/**
 * Whether a listener's or a store's answer is a promise (or any thenable) to wait for, rather than a value.
 * @example
 * ```ts
 * if (isThenable(result)) await result;
 * ```
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}
