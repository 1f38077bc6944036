/**
 * Retry policy for idempotent calls (`list`, `get`, `delete`) answered with 429 or 5xx, or failing on the network
 * or on the timeout. `create` is never retried.
 *
 * @example
 * ```ts
 * const retry: ArgyleRetryOptions = { retries: 3, minDelayMs: 250, maxDelayMs: 5_000 };
 * ```
 */
export interface ArgyleRetryOptions {
  /** Retries after the first attempt (default 2, at most 10). */
  readonly retries?: number;
  /** Delay before the first retry, doubled each time, with jitter (default 500). */
  readonly minDelayMs?: number;
  /** Upper bound of any delay, including one asked for by `Retry-After` (default 10 000). */
  readonly maxDelayMs?: number;
}

/**
 * Milliseconds to wait before retry number `retry` (0-based): `Retry-After` when the server sent one (seconds or
 * an HTTP date), else exponential backoff with full jitter; always within `[0, maxDelayMs]`.
 *
 * @example
 * ```ts
 * retryDelay(0, null, { minDelayMs: 100, maxDelayMs: 1_000 }); // between 100 and 199
 * ```
 */
export function retryDelay(
  retry: number,
  retryAfter: string | null,
  options: Required<Omit<ArgyleRetryOptions, "retries">>,
  now = Date.now(),
): number {
  const fromHeader = parseRetryAfter(retryAfter, now);
  if (fromHeader !== undefined) return Math.min(fromHeader, options.maxDelayMs);
  const base = Math.min(options.minDelayMs * 2 ** retry, options.maxDelayMs);
  return Math.min(options.maxDelayMs, base + Math.floor(Math.random() * base));
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
