const encoder = new TextEncoder();
const cache = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED = 64;

/** Web Crypto, or an error that names what is missing. */
export function subtleCrypto(): SubtleCrypto {
  const api = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!api) throw new Error("Web Crypto (globalThis.crypto.subtle) is not available in this runtime");
  return api;
}

/**
 * The HMAC-SHA512 key of a secret, imported once and cached (up to 64 secrets; a failed import is not cached).
 * @example
 * ```ts
 * const key = await hmacKeyFor("my-secret");
 * await crypto.subtle.verify("HMAC", key, signature, body);
 * ```
 */
export function hmacKeyFor(secret: string): Promise<CryptoKey> {
  let key = cache.get(secret);
  if (!key) {
    key = subtleCrypto().importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-512" }, false, [
      "sign",
      "verify",
    ]);
    if (cache.size < MAX_CACHED) {
      cache.set(secret, key);
      key.catch(() => cache.delete(secret));
    }
  }
  return key;
}
