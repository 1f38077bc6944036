import type { ArgyleWebhookEventName } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import type { ArgyleEventDelivery } from "./create-delivery.js";
import { mergeOverrides } from "./merge-overrides.js";
import { selectArgyleEvents } from "./select-events.js";
import { type DeliveriesSummary, type SendDeliveriesOptions, sendDeliveries } from "./send-deliveries.js";
import { setPath } from "./set-path.js";
import { type DeliveryOptions, signDelivery } from "./sign-delivery.js";

/**
 * How `buildTriggerDeliveries` / `triggerEvents` shape each event's message.
 *
 * @example
 * ```ts
 * const options: TriggerOptions = { secret: "s3cret", data: { account: "0186..." }, set: { "data.days_synced": 90 } };
 * const deliveries = buildTriggerDeliveries("gigs.partially_synced", options);
 * ```
 */
export interface TriggerOptions extends DeliveryOptions {
  /** Deep-merged into every selected event's example (as `createDelivery` overrides). */
  data?: Readonly<Record<string, unknown>>;
  /** Values set at dot paths after `data` is merged, e.g. `{ "data.days_synced": 90, name: "prod" }`. */
  set?: Readonly<Record<string, unknown>>;
}

/**
 * Builds one signed delivery per selected event (`"gigs.updated"`, `"gigs.*"`, `"all"`, or a list), each the
 * spec example with `data` merged and `set` applied. Throws `UnknownEventError` for an unknown selector.
 *
 * @example
 * ```ts
 * const deliveries = buildTriggerDeliveries("gigs.*", { secret: "s3cret", set: { name: "staging" } });
 * ```
 */
export function buildTriggerDeliveries(
  selectors: string | readonly string[],
  options: TriggerOptions,
): ArgyleEventDelivery<ArgyleWebhookEventName>[] {
  const { data, set, ...deliveryOptions } = options;
  return selectArgyleEvents(selectors).map((event) => {
    const message: Record<string, unknown> = mergeOverrides({ ...argyleWebhookExamples[event] }, data);
    for (const [path, value] of Object.entries(set ?? {})) setPath(message, path, value);
    return signDelivery(message, deliveryOptions) as unknown as ArgyleEventDelivery<ArgyleWebhookEventName>;
  });
}

/**
 * Sends the selected events' example deliveries to `url`, one after another, and reports each outcome.
 * Resolves with a summary; a failed delivery never rejects.
 *
 * @example
 * ```ts
 * const summary = await triggerEvents("http://127.0.0.1:3000/webhooks/argyle", "all", {
 *   secret: "s3cret",
 *   onResult: (o, i, n) => console.log(`[${i + 1}/${n}] ${o.event} ${o.status ?? o.error?.message}`),
 * });
 * console.log(`${summary.succeeded} ok, ${summary.failed} failed`);
 * ```
 */
export function triggerEvents(
  url: string | URL,
  selectors: string | readonly string[],
  options: TriggerOptions & SendDeliveriesOptions,
): Promise<DeliveriesSummary> {
  const { data, set, secret, pretty, ...sendOptions } = options;
  const deliveries = buildTriggerDeliveries(selectors, { data, set, secret, pretty });
  return sendDeliveries(url, deliveries, sendOptions);
}
