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
export function parseByteLimit(limit: number | string, name = "limit"): number {
  let bytes = Number.NaN;
  if (typeof limit === "number") bytes = Number.isFinite(limit) ? Math.floor(limit) : Number.NaN;
  else if (typeof limit === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
    if (m) bytes = Math.floor(Number(m[1]) * (UNITS[(m[2] ?? "b").toLowerCase()] ?? 1));
  }
  // At least one byte: `"0"`, `0.5` or `"0.1b"` would refuse every delivery with 413.
  if (bytes >= 1 && bytes <= Number.MAX_SAFE_INTEGER) return bytes;
  throw new TypeError(
    `${name}: expected a positive number of bytes (at least 1) or a size like "1mb", got ${typeof limit === "string" || typeof limit === "number" ? JSON.stringify(limit) : typeof limit}`,
  );
}
