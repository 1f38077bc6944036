import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

let loaded: typeof Crypto | undefined;

/**
 * `node:crypto`, loaded on the first signature or delivery key rather than when core is imported (about a quarter of
 * the import's time on Node 20). `process.getBuiltinModule` (Node 20.16+) loads it synchronously; older Nodes
 * require it. The web build never reaches this module: its twins use Web Crypto.
 * @example
 * ```ts
 * nodeCrypto().createHash("sha256").update("abc").digest("hex"); // "ba7816bf…f20015ad"
 * ```
 */
export function nodeCrypto(): typeof Crypto {
  loaded ??=
    (process.getBuiltinModule?.("node:crypto") as typeof Crypto | undefined) ??
    (createRequire(process.execPath)("node:crypto") as typeof Crypto);
  return loaded;
}
