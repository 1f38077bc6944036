import { closestName } from "./closest-name.js";

/**
 * Every key `new ArgyleWebhooks(...)` and the adapters accept. Anything else is refused at construction with a
 * did-you-mean hint, so a typo (`allowedIPs`) cannot silently turn a check off. Adding an option: one line here.
 * @example
 * ```ts
 * ARGYLE_WEBHOOKS_OPTION_NAMES.includes("allowedIps"); // true
 * ```
 */
export const ARGYLE_WEBHOOKS_OPTION_NAMES: readonly string[] = [
  "secret",
  "secrets",
  "unsigned",
  "validation",
  "limit",
  "pendingLimit",
  "timeoutMs",
  "readTimeoutMs",
  "allowedIps",
  "logger",
  "handlers",
  "path",
  "dedupe",
  "inbox",
  "telemetry",
];

/**
 * Keys of the Fetch handler's second argument.
 * @example
 * ```ts
 * FETCH_HANDLER_OPTION_NAMES; // ["getRemoteAddress"]
 * ```
 */
export const FETCH_HANDLER_OPTION_NAMES: readonly string[] = ["getRemoteAddress"];

/**
 * Keys of `receive()`'s input.
 * @example
 * ```ts
 * RECEIVE_INPUT_NAMES.includes("rawBody"); // true
 * ```
 */
export const RECEIVE_INPUT_NAMES: readonly string[] = ["rawBody", "headers", "method", "remoteAddress"];

/**
 * The first key of `value` that is not in `known`, described with a did-you-mean hint; `undefined` when all are known.
 * @example
 * ```ts
 * unknownKey({ allowedIPs: [] }, ARGYLE_WEBHOOKS_OPTION_NAMES, "option"); // 'unknown option "allowedIPs"; did you mean "allowedIps"?'
 * ```
 */
export function unknownKey(value: object, known: readonly string[], what: string): string | undefined {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = closestName(key, known);
    return `unknown ${what} ${JSON.stringify(key)}${hint ? `; did you mean "${hint}"?` : ""} (known: ${known.join(", ")})`;
  }
  return undefined;
}
