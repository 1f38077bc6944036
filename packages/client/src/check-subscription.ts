import { argyleWebhookEvents } from "@argyle-webhooks/core";

/**
 * A subscription as plain data (for `sync`, JSON files and the CLI): the loose shape of
 * {@link CreateWebhookInput}. Use `defineSubscription()` to get the per-event `config` rules at compile time.
 *
 * @example
 * ```ts
 * const spec: ArgyleSubscriptionSpec = { events: ["users.fully_synced"], name: "svc:users", url: "https://example.com/hooks" };
 * ```
 */
export interface ArgyleSubscriptionSpec {
  readonly events: readonly string[] | "*";
  readonly name: string;
  readonly url: string;
  readonly secret?: string | null;
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * Problems Argyle would reject `spec` for, checked against the generated event registry before any call:
 * empty or mixed wildcard events, `config` on an event that takes none, a field an event does not know, a missing
 * `config` for `items.*`. Events the registry does not know are left to Argyle.
 *
 * @example
 * ```ts
 * checkSubscription({ events: ["gigs.updated"], name: "n", url: "https://x", config: { days_synced: 5 } });
 * // ["config is not accepted by gigs.updated"]
 * ```
 */
export function checkSubscription(spec: ArgyleSubscriptionSpec): string[] {
  const problems: string[] = [];
  const events = spec.events === "*" ? ["*"] : [...spec.events];
  if (typeof spec.name !== "string" || spec.name.trim() === "")
    problems.push("name must be a non-empty string");
  if (typeof spec.url !== "string" || spec.url.trim() === "") problems.push("url must be a non-empty string");
  if (events.length === 0) problems.push("events must list at least one event");
  const hasConfig = spec.config !== undefined && spec.config !== null;
  if (hasConfig && (typeof spec.config !== "object" || Array.isArray(spec.config)))
    problems.push("config must be an object");
  if (events.includes("*")) {
    if (events.length > 1) problems.push('"*" must be the only event of its subscription');
    if (hasConfig) problems.push('config cannot be combined with "*" (subscribe to the events individually)');
    return problems;
  }
  const fields = hasConfig ? Object.keys(spec.config ?? {}) : [];
  for (const event of events) {
    const definition = argyleWebhookEvents.find((d) => d.event === event);
    if (!definition) continue;
    if (definition.config.required && !hasConfig)
      problems.push(`${event} requires config (${definition.config.fields.join(", ")})`);
    if (!hasConfig) continue;
    if (!definition.config.supported) {
      problems.push(`config is not accepted by ${event}`);
      continue;
    }
    for (const field of fields) {
      if (!definition.config.fields.includes(field))
        problems.push(
          `config.${field} is not accepted by ${event} (accepts ${definition.config.fields.join(", ")})`,
        );
    }
  }
  return problems;
}
