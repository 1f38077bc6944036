/**
 * Replaces every occurrence of the given secrets in `text` with `****` (empty and very short values are ignored
 * so that ordinary words are not blanked out). Every form of every secret is masked longest first, so a secret
 * that begins with another one is not left half-masked.
 *
 * @example
 * ```ts
 * redact("bad secret s3cr3t-value", ["s3cr3t-value"]); // "bad secret ****"
 * ```
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < 4) continue;
    for (const form of forms(secret)) all.add(form);
  }
  let out = text;
  for (const form of [...all].sort((a, b) => b.length - a.length)) out = out.split(form).join("****");
  return out;
}

/**
 * Every way a secret may be echoed back: as given, JSON-escaped (inside a JSON string), URL-encoded, and for a
 * `Basic` authorization value also its bare base64 token. Forms shorter than 4 characters are dropped.
 */
function forms(secret: string): string[] {
  const out = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  const basic = /^Basic\s+(\S+)$/i.exec(secret);
  if (basic?.[1]) out.add(basic[1]);
  return [...out].filter((f) => f.length >= 4);
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
 * Describes a credential without any part of it: only its length (the key id is half of the Basic credential,
 * so not even a prefix of it is shown).
 *
 * @example
 * ```ts
 * fingerprint("0187c66e-e7e5-811c"); // "(18 chars)"
 * ```
 */
export function fingerprint(value: string): string {
  if (value.length === 0) return "(empty)";
  return `(${value.length} chars)`;
}
