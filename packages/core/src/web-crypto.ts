/**
 * Signing and verification with the Web Crypto API, for runtimes without `node:crypto` (edge functions,
 * Cloudflare Workers, Deno, browsers). Same results as the `node:crypto` functions; imported keys are cached per secret.
 * @module
 */

import { assertUsableSecrets } from "./check-secret.js";
import { hmacKeyFor, subtleCrypto as subtle } from "./web-hmac-key.js";

const encoder = new TextEncoder();
const SIGNATURE = /^[0-9a-fA-F]{128}$/;

function toBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === "string" ? encoder.encode(body) : body;
}

function hex(bytes: ArrayBuffer): string {
  let out = "";
  for (const b of new Uint8Array(bytes)) out += b.toString(16).padStart(2, "0");
  return out;
}

function fromHex(value: string): Uint8Array {
  const out = new Uint8Array(value.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Lowercase hex HMAC-SHA512 of the body, as Argyle's `X-Argyle-Signature`.
 *
 * @example
 * ```ts
 * import { signArgylePayloadWeb } from "@argyle-webhooks/core/web-crypto";
 * const signature = await signArgylePayloadWeb(body, secret);
 * ```
 */
export async function signArgylePayloadWeb(body: Uint8Array | string, secret: string): Promise<string> {
  const key = await hmacKeyFor(secret);
  return hex(await subtle().sign("HMAC", key, toBytes(body) as BufferSource));
}

/**
 * Verifies an `X-Argyle-Signature` value with Web Crypto (constant-time, inside `crypto.subtle.verify`).
 * Accepts a list of secrets (rotation) and a repeated header; resolves false, never rejects, for any signature
 * value. Rejects with a `TypeError` for a secret that cannot be right (empty, only whitespace, not a string).
 *
 * @example
 * ```ts
 * import { verifyArgyleSignatureWeb } from "@argyle-webhooks/core/web-crypto";
 * const raw = new Uint8Array(await request.arrayBuffer());
 * if (!(await verifyArgyleSignatureWeb(raw, request.headers.get("x-argyle-signature"), env.SECRET))) return new Response(null, { status: 401 });
 * ```
 */
export async function verifyArgyleSignatureWeb(
  body: Uint8Array | string,
  signature: string | readonly string[] | undefined | null,
  secret: string | readonly string[],
): Promise<boolean> {
  const secrets = assertUsableSecrets(secret, "verifyArgyleSignatureWeb");
  if (typeof signature !== "string" && !Array.isArray(signature)) return false;
  const values = (typeof signature === "string" ? [signature] : [...(signature as unknown[])]).flatMap((v) =>
    typeof v === "string" ? v.split(",") : [],
  );
  const candidates = values
    .map((v) => v.trim())
    .filter((v) => SIGNATURE.test(v))
    .slice(0, 8);
  if (candidates.length === 0) return false;
  const bytes = toBytes(body);
  for (const s of secrets) {
    const key = await hmacKeyFor(s);
    for (const candidate of candidates) {
      if (await subtle().verify("HMAC", key, fromHex(candidate) as BufferSource, bytes as BufferSource))
        return true;
    }
  }
  return false;
}
