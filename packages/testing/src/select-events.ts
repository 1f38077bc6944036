import {
  type ArgyleWebhookEventName,
  argyleWebhookEventNames,
  argyleWebhookEvents,
  argyleWebhookFamilies,
} from "@argyle-webhooks/core";

/**
 * Thrown by `selectArgyleEvents` for a selector that names no catalog event; the message lists what exists.
 *
 * @example
 * ```ts
 * try { selectArgyleEvents(["gig.added"]); } catch (e) { if (e instanceof UnknownEventError) console.error(e.message); }
 * ```
 */
export class UnknownEventError extends Error {
  readonly selector: string;
  constructor(selector: string, message: string) {
    super(message);
    this.name = "UnknownEventError";
    this.selector = selector;
  }
}

function suggestion(selector: string): string {
  const family = selector.split(".")[0] ?? "";
  const near = argyleWebhookEventNames.filter((e) => e.startsWith(`${family}.`));
  if (near.length > 0) return ` Events of ${family}: ${near.join(", ")}.`;
  return ` Families: ${argyleWebhookFamilies.join(", ")}. Run \`argyle-webhooks events\` for the catalog.`;
}

/**
 * Expands event selectors into catalog event names, in catalog order without duplicates. A selector is an
 * event (`gigs.updated`), a family wildcard (`gigs.*`) or `all`; a string may hold several, comma-separated.
 * Throws `UnknownEventError` for anything else.
 *
 * @example
 * ```ts
 * selectArgyleEvents(["gigs.*"]); // ["gigs.added", "gigs.fully_synced", ...]
 * selectArgyleEvents(["all"]).length; // every event in the catalog
 * ```
 */
export function selectArgyleEvents(selectors: string | readonly string[]): ArgyleWebhookEventName[] {
  const wanted = new Set<ArgyleWebhookEventName>();
  const list = (typeof selectors === "string" ? [selectors] : selectors).flatMap((s) => s.split(","));
  for (const raw of list) {
    const selector = raw.trim();
    if (selector === "") continue;
    if (selector === "all" || selector === "*") {
      for (const e of argyleWebhookEventNames) wanted.add(e);
    } else if (selector.endsWith(".*")) {
      const family = selector.slice(0, -2);
      const events = argyleWebhookEvents.filter((d) => d.family === family);
      if (events.length === 0) {
        throw new UnknownEventError(selector, `No event family "${family}".${suggestion(selector)}`);
      }
      for (const d of events) wanted.add(d.event);
    } else {
      const event = argyleWebhookEventNames.find((e) => e === selector);
      if (!event)
        throw new UnknownEventError(selector, `Unknown event "${selector}".${suggestion(selector)}`);
      wanted.add(event);
    }
  }
  if (wanted.size === 0) throw new UnknownEventError("", "No event selected.");
  return argyleWebhookEventNames.filter((e) => wanted.has(e));
}
