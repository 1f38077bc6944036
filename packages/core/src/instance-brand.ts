/**
 * A dual-package install loads `ArgyleWebhooks` twice (the ESM and the CommonJS build), so `instanceof` against one
 * class misses instances of the other. Every instance carries this registered symbol, which both builds share.
 */
const ARGYLE_WEBHOOKS_BRAND = Symbol.for("@argyle-webhooks/core:ArgyleWebhooks");

/**
 * Marks `instance` as an `ArgyleWebhooks` (a non-enumerable property: invisible to JSON, spread and keys).
 *
 * @example
 * ```ts
 * brandArgyleWebhooks(this); // in the ArgyleWebhooks constructor
 * ```
 */
export function brandArgyleWebhooks(instance: object): void {
  Object.defineProperty(instance, ARGYLE_WEBHOOKS_BRAND, { value: true });
}

/**
 * Whether `value` is an `ArgyleWebhooks` instance of any build of `@argyle-webhooks/core` (ESM or CommonJS).
 *
 * @example
 * ```ts
 * hasArgyleWebhooksBrand(new ArgyleWebhooks({ secret })); // true, whichever build the caller loaded
 * ```
 */
export function hasArgyleWebhooksBrand(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[ARGYLE_WEBHOOKS_BRAND] === true
  );
}
