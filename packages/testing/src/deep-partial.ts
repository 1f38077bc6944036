import type { ArgyleWebhookEventMap, ArgyleWebhookEventName } from "@argyle-webhooks/core";

/**
 * `T` with every object property optional, recursively. Arrays are not descended into: an override replaces a
 * whole array. `null` is accepted exactly where `T` accepts it.
 *
 * @example
 * ```ts
 * const patch: DeepPartial<{ data: { days_synced?: number; ids: string[] } }> = { data: { ids: ["a"] } };
 * ```
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/**
 * What `createDelivery(event, overrides)` accepts: a deep partial of the event's message type. Setting a
 * property to `undefined` removes it from the delivered body.
 *
 * @example
 * ```ts
 * const overrides: ArgyleWebhookOverrides<"gigs.partially_synced"> = { name: "prod", data: { days_synced: 90 } };
 * ```
 */
export type ArgyleWebhookOverrides<E extends ArgyleWebhookEventName> = DeepPartial<ArgyleWebhookEventMap[E]>;
