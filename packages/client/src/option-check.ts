function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Keys `createArgyleClient` accepts; one line per option. */
export const CLIENT_OPTION_NAMES: readonly string[] = [
  "apiKeyId",
  "apiKeySecret",
  "environment",
  "timeoutMs",
  "retry",
];
/** Keys of the `retry` option. */
export const RETRY_OPTION_NAMES: readonly string[] = ["retries", "minDelayMs", "maxDelayMs"];
/** Keys of `webhooks.sync()`'s options. */
export const SYNC_OPTION_NAMES: readonly string[] = ["prefix", "dryRun", "print"];

/**
 * Throws a `TypeError` for the first key of `value` not in `known`, with a did-you-mean hint, so a misspelt
 * option is not silently ignored.
 * @example
 * ```ts
 * assertKnownKeys({ timeoutMS: 1 }, CLIENT_OPTION_NAMES, "createArgyleClient"); // throws: did you mean "timeoutMs"?
 * ```
 */
export function assertKnownKeys(value: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    let hint: string | undefined;
    let best = 4;
    for (const k of known) {
      const d = distance(key.toLowerCase(), k.toLowerCase());
      if (d < best) [hint, best] = [k, d];
    }
    throw new TypeError(
      `${where}: unknown option ${JSON.stringify(key)}${hint ? `; did you mean "${hint}"?` : ""} (known: ${known.join(", ")})`,
    );
  }
}
