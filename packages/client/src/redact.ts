/**
 * Replaces every occurrence of the given secrets in `text` with `****` (empty and very short values are ignored
 * so that ordinary words are not blanked out).
 *
 * @example
 * ```ts
 * redact("bad secret s3cr3t-value", ["s3cr3t-value"]); // "bad secret ****"
 * ```
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (typeof secret === "string" && secret.length >= 4) out = out.split(secret).join("****");
  }
  return out;
}

/**
 * Describes a secret without revealing it: `"none"` or `"set (N chars)"`.
 *
 * @example
 * ```ts
 * describeSecret("abc123"); // "set (6 chars)"
 * ```
 */
export function describeSecret(secret: string | null | undefined): string {
  return typeof secret === "string" && secret.length > 0 ? `set (${secret.length} chars)` : "none";
}

/**
 * Shows enough of an identifier to recognise it (first 4 characters and the length), never the whole value.
 *
 * @example
 * ```ts
 * fingerprint("0187c66e-e7e5-811c"); // "0187… (18 chars)"
 * ```
 */
export function fingerprint(value: string): string {
  if (value.length === 0) return "(empty)";
  return value.length <= 8 ? `(${value.length} chars)` : `${value.slice(0, 4)}… (${value.length} chars)`;
}
