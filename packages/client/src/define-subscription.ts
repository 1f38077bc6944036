import type { ArgyleSubscriptionEvents, CreateWebhookInput } from "./subscription-types.js";

/**
 * Returns its argument unchanged, typed: `config` is checked against the listed events at compile time, the
 * same way `webhooks.create()` checks it. Use it to build the list given to `webhooks.sync()`.
 *
 * @example
 * ```ts
 * const desired = [
 *   defineSubscription({ events: ["gigs.partially_synced"], name: "svc:gigs-60d", url, config: { days_synced: 60 } }),
 *   defineSubscription({ events: ["users.fully_synced"], name: "svc:users", url }),
 * ];
 * await client.webhooks.sync(desired, { prefix: "svc:" });
 * ```
 */
export function defineSubscription<const E extends ArgyleSubscriptionEvents>(
  input: CreateWebhookInput<E>,
): CreateWebhookInput<E> {
  return input;
}
