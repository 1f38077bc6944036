import type { ArgyleWebhookSubscription } from "@argyle-webhooks/client";

/**
 * A subscription on one line for `argyle-webhooks subscriptions list`: id, name, events, url, config and whether a
 * secret is set (only its length), tab-separated.
 *
 * @example
 * ```ts
 * subscriptionLine({ id: "1", name: "svc:users", events: ["users.fully_synced"], url: "https://x", secret: "abc123" } as ArgyleWebhookSubscription);
 * // "1\tsvc:users\tusers.fully_synced\thttps://x\t-\tsecret set (6 chars)"
 * ```
 */
export function subscriptionLine(sub: ArgyleWebhookSubscription): string {
  const config = sub.config && Object.keys(sub.config).length > 0 ? JSON.stringify(sub.config) : "-";
  const secret =
    typeof sub.secret === "string" && sub.secret.length > 0 ? `set (${sub.secret.length} chars)` : "none";
  return [sub.id, sub.name, sub.events.join(","), sub.url, config, `secret ${secret}`].join("\t");
}

/**
 * The subscription with its secret replaced by `"****"` (when it has one), for `--json` output.
 *
 * @example
 * ```ts
 * maskSecret(subscription).secret; // "****" or null
 * ```
 */
export function maskSecret(sub: ArgyleWebhookSubscription): ArgyleWebhookSubscription {
  return { ...sub, secret: sub.secret ? "****" : sub.secret };
}
