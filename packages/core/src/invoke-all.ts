import { isThenable } from "./is-thenable.js";

// biome-ignore lint/suspicious/noExplicitAny: listeners of every shape are stored together.
export type AnyListener = (...args: any[]) => unknown;

/**
 * Starts every listener at once with the same arguments and collects their failures. Returns the errors
 * synchronously when no listener returned a promise, otherwise a promise of them (settled when all are).
 */
export function invokeAll(
  listeners: readonly AnyListener[],
  args: readonly unknown[],
): unknown[] | Promise<unknown[]> {
  const errors: unknown[] = [];
  let pending: Promise<unknown>[] | undefined;
  for (const listener of listeners) {
    try {
      const result = args.length === 2 ? listener(args[0], args[1]) : listener(...args);
      if (isThenable(result)) {
        pending ??= [];
        pending.push(
          Promise.resolve(result).then(undefined, (error: unknown) => {
            errors.push(error);
          }),
        );
      }
    } catch (error) {
      errors.push(error);
    }
  }
  if (pending === undefined) return errors;
  return Promise.all(pending).then(() => errors);
}
