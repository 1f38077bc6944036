import { ArgyleDeliveryError } from "./delivery-error.js";
import {
  type DeliveryResult,
  type SendableDelivery,
  type SendDeliveryOptions,
  sendDelivery,
} from "./send-delivery.js";

/**
 * The outcome of one delivery in a batch: a response, or the network error that prevented one.
 *
 * @example
 * ```ts
 * const describe = (o: DeliveryOutcome) =>
 *   o.error ? `#${o.index} ${o.event}: ${o.error.message}` : `#${o.index} ${o.event}: HTTP ${o.status}`;
 * ```
 */
export type DeliveryOutcome =
  | (DeliveryResult & { readonly index: number; readonly error?: undefined })
  | {
      readonly index: number;
      readonly event: string | undefined;
      readonly ok: false;
      readonly status: undefined;
      readonly ms: number;
      readonly error: ArgyleDeliveryError;
    };

/**
 * Options of `sendDeliveries`.
 *
 * @example
 * ```ts
 * const options: SendDeliveriesOptions = {
 *   timeoutMs: 5_000,
 *   onResult: (outcome, index, total) => console.log(`[${index + 1}/${total}] ${outcome.event} ${outcome.ok}`),
 * };
 * await sendDeliveries(url, deliveries, options);
 * ```
 */
export interface SendDeliveriesOptions extends SendDeliveryOptions {
  /** Called after each delivery, in order, e.g. to print progress. */
  onResult?: (outcome: DeliveryOutcome, index: number, total: number) => void;
}

/**
 * What a batch of deliveries came to.
 *
 * @example
 * ```ts
 * const summary: DeliveriesSummary = await sendDeliveries(url, deliveries);
 * for (const o of summary.outcomes) if (!o.ok) console.error(o.event, o.status ?? o.error?.message);
 * console.log(`${summary.succeeded} ok, ${summary.failed} failed`);
 * ```
 */
export interface DeliveriesSummary {
  readonly outcomes: DeliveryOutcome[];
  readonly succeeded: number;
  readonly failed: number;
  /** Whether every delivery got a 2xx. */
  readonly ok: boolean;
}

/**
 * Sends deliveries to `url` one after another (like a webhook sender would, in order) and never throws for a
 * single failed delivery: each gets an outcome.
 *
 * @example
 * ```ts
 * const deliveries = selectArgyleEvents("gigs.*").map((e) => createDelivery(e, { secret }));
 * const summary = await sendDeliveries(url, deliveries, { onResult: (o) => console.log(o.event, o.status) });
 * if (!summary.ok) process.exitCode = 1;
 * ```
 */
export async function sendDeliveries(
  url: string | URL,
  deliveries: readonly SendableDelivery[],
  options: SendDeliveriesOptions = {},
): Promise<DeliveriesSummary> {
  const { onResult, ...sendOptions } = options;
  const outcomes: DeliveryOutcome[] = [];
  for (const [index, delivery] of deliveries.entries()) {
    let outcome: DeliveryOutcome;
    const started = performance.now();
    try {
      outcome = { ...(await sendDelivery(url, delivery, sendOptions)), index };
    } catch (error) {
      const failure =
        error instanceof ArgyleDeliveryError
          ? error
          : new ArgyleDeliveryError(String(error), String(url), delivery.event, error);
      outcome = {
        index,
        event: delivery.event,
        ok: false,
        status: undefined,
        ms: Math.round(performance.now() - started),
        error: failure,
      };
    }
    outcomes.push(outcome);
    onResult?.(outcome, index, deliveries.length);
  }
  const succeeded = outcomes.filter((o) => o.ok).length;
  return { outcomes, succeeded, failed: outcomes.length - succeeded, ok: succeeded === outcomes.length };
}
