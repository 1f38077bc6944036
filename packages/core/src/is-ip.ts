import { isIP as portableIsIP } from "./web-is-ip.js";

type IsIP = (input: string) => number;
let loaded: IsIP | undefined;

/**
 * `node:net`'s `isIP`, loaded on the first call (so importing core does not load `node:net`; only an
 * `allowedIps` list does). Where `process.getBuiltinModule` is missing (Node before 20.16, runtimes without Node
 * built-ins), the plain-JS twin that test/runtimes/web-build.test.ts checks against `node:net`.
 * @example
 * ```ts
 * isIP("34.27.251.226"); // 4
 * isIP("not an address"); // 0
 * ```
 */
export function isIP(input: string): number {
  loaded ??= globalThis.process?.getBuiltinModule?.("node:net")?.isIP ?? portableIsIP;
  return loaded(input);
}
