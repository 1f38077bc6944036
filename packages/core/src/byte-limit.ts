const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/**
 * Bytes from a number or a size such as `"1mb"`, `"512kb"` (binary units, as Express's body parsers read them).
 * Throws for anything else, so a typo fails at construction rather than at the first delivery.
 * @example
 * ```ts
 * parseByteLimit("1mb"); // 1048576
 * parseByteLimit(500_000); // 500000
 * ```
 */
export function parseByteLimit(limit: number | string): number {
  if (typeof limit === "number") {
    if (Number.isFinite(limit) && limit > 0) return Math.floor(limit);
  } else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
    if (m) return Math.floor(Number(m[1]) * (UNITS[(m[2] ?? "b").toLowerCase()] ?? 1));
  }
  throw new TypeError(
    `limit: expected a positive number of bytes or a size like "1mb", got ${JSON.stringify(limit)}`,
  );
}
