import { nodeCrypto } from "./node-crypto.js";

/**
 * The delivery key of a body: lowercase hex SHA-256 of its bytes. The web build swaps in `web-delivery-key.ts`.
 * @example
 * ```ts
 * deliveryKeyOf(new TextEncoder().encode("abc")); // "ba7816bf…f20015ad"
 * ```
 */
export function deliveryKeyOf(body: Uint8Array): string {
  return nodeCrypto().createHash("sha256").update(body).digest("hex");
}
