import {
  type ArgyleWebhookEventMap,
  type ArgyleWebhookEventName,
  getArgyleWebhookDefinition,
} from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import type { ArgyleWebhookOverrides } from "./deep-partial.js";
import { mergeOverrides } from "./merge-overrides.js";
import { type ArgyleDelivery, type DeliveryOptions, signDelivery } from "./sign-delivery.js";

/**
 * A delivery of a catalog event: `event` and `message` are typed.
 *
 * @example
 * ```ts
 * const delivery: ArgyleEventDelivery<"gigs.partially_synced"> = createDelivery("gigs.partially_synced", { secret: "s3cret" });
 * delivery.message.data.days_synced; // number | undefined, typed from the spec
 * ```
 */
export interface ArgyleEventDelivery<E extends ArgyleWebhookEventName>
  extends ArgyleDelivery<ArgyleWebhookEventMap[E]> {
  readonly event: E;
}

/**
 * Builds a signed delivery of `event` exactly as Argyle would send it: the spec's example message, deep-merged
 * with `overrides` (objects merge, arrays and `null` replace, `undefined` removes a key), serialised
 * pretty-printed (2-space indent, no trailing newline) unless `pretty: false`, and signed with `secret`.
 * The overrides argument may be left out: `createDelivery(event, { secret })`.
 *
 * @example
 * ```ts
 * import { createDelivery, sendDelivery } from "@argyle-webhooks/testing";
 * const delivery = createDelivery("gigs.partially_synced", { data: { days_synced: 90 } }, { secret: "s3cret" });
 * // delivery.body is the exact JSON; delivery.headers["x-argyle-signature"] its HMAC-SHA512
 * const result = await sendDelivery("http://127.0.0.1:3000/webhooks/argyle", delivery);
 * ```
 */
export function createDelivery<E extends ArgyleWebhookEventName>(
  event: E,
  options: DeliveryOptions,
): ArgyleEventDelivery<E>;
export function createDelivery<E extends ArgyleWebhookEventName>(
  event: E,
  overrides: ArgyleWebhookOverrides<E> | undefined,
  options: DeliveryOptions,
): ArgyleEventDelivery<E>;
export function createDelivery<E extends ArgyleWebhookEventName>(
  event: E,
  overridesOrOptions: ArgyleWebhookOverrides<E> | DeliveryOptions | undefined,
  maybeOptions?: DeliveryOptions,
): ArgyleEventDelivery<E> {
  const [overrides, options] =
    maybeOptions === undefined
      ? [undefined, overridesOrOptions as DeliveryOptions]
      : [overridesOrOptions, maybeOptions];
  if (options === undefined || options === null || typeof options !== "object") {
    throw new TypeError("createDelivery: pass { secret } (or { secret: null } for an unsigned delivery).");
  }
  if (!getArgyleWebhookDefinition(event)) {
    throw new TypeError(
      `Unknown Argyle webhook event "${String(event)}". Use signDelivery() for events outside the catalog.`,
    );
  }
  const message = mergeOverrides(argyleWebhookExamples[event] as ArgyleWebhookEventMap[E], overrides);
  return signDelivery(message, options) as unknown as ArgyleEventDelivery<E>;
}
