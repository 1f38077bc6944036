// The web build's `signature.ts`: the same header parsing, with HMAC-SHA512 through Web Crypto. The comparison is
// `crypto.subtle.verify`, constant-time inside the runtime. The web build resolves `./signature.js` to this module.
import { hmacKeyFor, subtleCrypto } from "./web-hmac-key.js";

const SIGNATURE = /^[0-9a-fA-F]{128}$/;
const MAX_CANDIDATES = 8;
const encoder = new TextEncoder();

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(64);
  for (let i = 0; i < 64; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * The signatures a header value offers, decoded: a repeated header (array, or joined with commas) may carry
 * several (at most 8). Anything that is not 128 hex digits is ignored; never throws.
 * @example
 * ```ts
 * parseSignatureHeader(request.headers.get("x-argyle-signature")); // Uint8Array[] of candidates, [] if none
 * ```
 */
export function parseSignatureHeader(value: string | readonly string[] | undefined | null): Uint8Array[] {
  if (value === undefined || value === null) return [];
  const parts = typeof value === "string" ? value.split(",") : value.flatMap((v) => String(v).split(","));
  const out: Uint8Array[] = [];
  for (const part of parts) {
    const hex = part.trim();
    if (SIGNATURE.test(hex)) out.push(fromHex(hex));
    if (out.length === MAX_CANDIDATES) break;
  }
  return out;
}

/**
 * Index of the first secret whose HMAC-SHA512 of `body` is among `signatures`, or -1 (asynchronous: Web Crypto).
 * @example
 * ```ts
 * const index = await matchSignature(body, parseSignatureHeader(header), ["new-secret", "old-secret"]);
 * ```
 */
export async function matchSignature(
  body: Uint8Array | string,
  signatures: readonly Uint8Array[],
  secrets: readonly string[],
): Promise<number> {
  if (signatures.length === 0) return -1;
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const subtle = subtleCrypto();
  for (let i = 0; i < secrets.length; i++) {
    const key = await hmacKeyFor(secrets[i] as string);
    for (const candidate of signatures) {
      if (await subtle.verify("HMAC", key, candidate as BufferSource, bytes as BufferSource)) return i;
    }
  }
  return -1;
}
