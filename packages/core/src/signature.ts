import { assertUsableSecrets } from "./check-secret.js";
import { hmacSha512 } from "./hmac-sha512.js";
import { nodeCrypto } from "./node-crypto.js";

/**
 * Body bytes as received, or a string (encoded as UTF-8).
 * @example
 * ```ts
 * const body: PayloadBytes = req.rawBody; // Buffer, Uint8Array or string
 * ```
 */
export type PayloadBytes = Uint8Array | string;

const SIGNATURE = /^[0-9a-fA-F]{128}$/;
const MAX_CANDIDATES = 8;

/**
 * Signs a webhook body the way Argyle does: lowercase hex HMAC-SHA512 of the exact body bytes.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(message, null, 2);
 * const headers = { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, secret) };
 * ```
 */
export function signArgylePayload(body: PayloadBytes, secret: string): string {
  return hmacSha512(secret, body).toString("hex");
}

/**
 * The signatures a header value offers, decoded: a repeated header (array, or joined with commas by Node) may
 * carry several. Anything that is not 128 hex digits (or not a string at all) is ignored; never throws.
 * @example
 * ```ts
 * parseSignatureHeader(req.headers["x-argyle-signature"]); // Buffer[] of valid candidates, [] if none
 * ```
 */
export function parseSignatureHeader(value: string | readonly string[] | undefined | null): Buffer[] {
  if (typeof value !== "string" && !Array.isArray(value)) return [];
  if (typeof value === "string" && value.length === 128) {
    // The common case, one signature: Buffer.from stops at the first non-hex pair, so 64 bytes means all hex.
    const bytes = Buffer.from(value, "hex");
    return bytes.length === 64 ? [bytes] : [];
  }
  const parts =
    typeof value === "string"
      ? value.split(",")
      : (value as readonly unknown[]).flatMap((v) => (typeof v === "string" ? v.split(",") : []));
  const out: Buffer[] = [];
  for (const part of parts) {
    const hex = part.trim();
    if (SIGNATURE.test(hex)) out.push(Buffer.from(hex, "hex"));
    if (out.length === MAX_CANDIDATES) break;
  }
  return out;
}

/**
 * Index of the first secret whose signature of `body` is among `signatures`, or -1. Constant-time per compare.
 * @internal Used by the request algorithm, which already parsed the header.
 */
export function matchSignature(
  body: PayloadBytes,
  signatures: readonly Buffer[],
  secrets: readonly string[],
): number {
  if (signatures.length === 0) return -1;
  for (let i = 0; i < secrets.length; i++) {
    const expected = hmacSha512(secrets[i] as string, body);
    for (const candidate of signatures) {
      if (nodeCrypto().timingSafeEqual(expected, candidate)) return i;
    }
  }
  return -1;
}

/**
 * Checks an `X-Argyle-Signature` header value against the raw body. `secret` may be a list (rotation): any may
 * match. Returns false, never throws, for a missing, empty, malformed, non-string or wrong signature. Throws a
 * `TypeError` for a secret that cannot be right (empty, only whitespace, not a string, an empty list): an empty
 * HMAC key is computable by anyone, so `ARGYLE_WEBHOOK_SECRET=` must fail loudly, not accept every forgery.
 *
 * @example
 * ```ts
 * const ok = verifyArgyleSignature(rawBody, req.headers["x-argyle-signature"], process.env.ARGYLE_WEBHOOK_SECRET!);
 * ```
 */
export function verifyArgyleSignature(
  body: PayloadBytes,
  signature: string | readonly string[] | undefined | null,
  secret: string | readonly string[],
): boolean {
  const secrets = assertUsableSecrets(secret, "verifyArgyleSignature");
  return matchSignature(body, parseSignatureHeader(signature), secrets) >= 0;
}
