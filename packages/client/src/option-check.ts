// The did-you-mean search is core's (one edit distance for the whole project); it is bundled into this package's
// build, so the published package needs no internal entry point of core.
import { closestName } from "../../core/src/closest-name.js";

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
    const hint = closestName(key, known);
    throw new TypeError(
      `${where}: unknown option ${JSON.stringify(key)}${hint ? `; did you mean "${hint}"?` : ""} (known: ${known.join(", ")})`,
    );
  }
}
