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

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
/** The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, obsolete RFC 850, and asctime (which is in GMT). */
const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`);
const RFC_850 = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`,
);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} (?: \\d|\\d{2}) ${TIME} \\d{4}$`);

/**
 * `Retry-After` in milliseconds from `now`, or `undefined` when it is neither delta-seconds nor an HTTP date.
 * Only those forms are read: `Date.parse` alone takes almost anything (`"-1"`, `"1.5"`, `"foo 1"` are dates in
 * 2001 to V8), which would turn a garbled header into an immediate retry without backoff.
 */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  let date = Number.NaN;
  if (IMF_FIXDATE.test(text) || RFC_850.test(text)) date = Date.parse(text);
  else if (ASCTIME.test(text)) date = Date.parse(`${text} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
