/**
 * `@argyle-webhooks/testing`: test Argyle webhook receivers without Argyle. Signed example deliveries built
 * from Argyle's own spec examples, a sender, batch triggering and replay; the `argyle-webhooks` CLI uses these.
 *
 * @example
 * ```ts
 * import { createDelivery, sendDelivery } from "@argyle-webhooks/testing";
 * const delivery = createDelivery("gigs.partially_synced", { data: { days_synced: 90 } }, { secret: "s3cret" });
 * const { status } = await sendDelivery("http://127.0.0.1:3000/webhooks/argyle", delivery);
 * ```
 * @module
 */

export { type PayloadBytes, signArgylePayload, verifyArgyleSignature } from "@argyle-webhooks/core";
export { type ArgyleEventDelivery, createDelivery } from "./create-delivery.js";
export type { ArgyleWebhookOverrides, DeepPartial } from "./deep-partial.js";
export { ArgyleDeliveryError } from "./delivery-error.js";
export { mergeOverrides } from "./merge-overrides.js";
export {
  formatReplayLine,
  parseReplayLines,
  ReplayLineError,
  type ReplayLineFormatOptions,
  type ReplayOptions,
} from "./replay-lines.js";
export { selectArgyleEvents, UnknownEventError } from "./select-events.js";
export {
  type DeliveriesSummary,
  type DeliveryOutcome,
  type SendDeliveriesOptions,
  sendDeliveries,
} from "./send-deliveries.js";
export {
  type DeliveryResult,
  type SendableDelivery,
  type SendDeliveryOptions,
  sendDelivery,
} from "./send-delivery.js";
export {
  type ArgyleDelivery,
  type ArgyleDeliveryHeaders,
  type DeliveryOptions,
  signDelivery,
} from "./sign-delivery.js";
export { buildTriggerDeliveries, type TriggerOptions, triggerEvents } from "./trigger-events.js";
