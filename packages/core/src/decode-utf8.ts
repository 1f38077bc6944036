import { isUtf8 } from "node:buffer";

/**
 * The body as text, or `undefined` when it is not UTF-8 (JSON must be, RFC 8259 §8.1; a lossy decode would hand
 * handlers text that was never signed). The web build swaps in `web-decode-utf8.ts`.
 * @example
 * ```ts
 * decodeUtf8(new Uint8Array([0x7b, 0x7d])); // "{}"
 * decodeUtf8(new Uint8Array([0xc3, 0x28])); // undefined
 * ```
 */
export function decodeUtf8(body: Uint8Array): string | undefined {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return isUtf8(bytes) ? bytes.toString("utf8") : undefined;
}
