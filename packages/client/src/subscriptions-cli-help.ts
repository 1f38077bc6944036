import { argyleWebhookEventNames, argyleWebhookFamilies } from "@argyle-webhooks/core";

/**
 * `argyle-webhooks subscriptions <command> --help` text of each command.
 *
 * @example
 * ```ts
 * process.stdout.write(`${SUBSCRIPTIONS_COMMAND_HELP.create}\n`);
 * ```
 */
export const SUBSCRIPTIONS_COMMAND_HELP: Readonly<Record<string, string>> = {
  list: `Usage: argyle-webhooks subscriptions list [--json] [--base-url URL] [--timeout MS]

Print every subscription, one a line: id, name, events, url, config, secret (masked).
Prints "no subscriptions" when there are none (--json prints []).`,
  get: `Usage: argyle-webhooks subscriptions get <id> [--json] [--base-url URL] [--timeout MS]

Print one subscription (secret masked).`,
  create: `Usage: argyle-webhooks subscriptions create --event E [--event E ...] --name N --url U
         [--secret S | --secret-env VAR] [--config JSON] [--json] [--base-url URL] [--timeout MS]

Create a subscription. Events are checked against the catalog (argyle-webhooks events) and config against
what each event accepts before anything is sent. --event '*' subscribes to every event Argyle's wildcard covers.

Example:
  argyle-webhooks subscriptions create --event gigs.partially_synced --name svc:gigs \\
    --url https://example.com/webhooks/argyle --secret-env ARGYLE_WEBHOOK_SECRET --config '{"days_synced":90}'`,
  delete: `Usage: argyle-webhooks subscriptions delete <id> [<id> ...] [--json] [--base-url URL] [--timeout MS]

Delete subscriptions by id.`,
  sync: `Usage: argyle-webhooks subscriptions sync --file desired.json [--prefix P] [--dry-run] [--json]

Create, replace and delete the subscriptions named with prefix P so that they match the file (a JSON array of
subscriptions, or { "prefix": P, "subscriptions": [...] }; "secretEnv": "VAR" reads a secret from the
environment). --dry-run prints the plan and changes nothing.`,
};

/**
 * The events of a subscription the generated catalog does not know, each with a hint (the events of its family, or
 * the families). `"*"` is always known.
 *
 * @example
 * ```ts
 * unknownSubscriptionEvents(["gigs.partial_synced"]);
 * // ['unknown event "gigs.partial_synced" (gigs has gigs.added, gigs.fully_synced, ...)']
 * ```
 */
export function unknownSubscriptionEvents(events: readonly string[]): string[] {
  const known = new Set<string>([...argyleWebhookEventNames, "*"]);
  return events
    .filter((event) => !known.has(event))
    .map((event) => {
      const family = event.split(".")[0] ?? "";
      const near = argyleWebhookEventNames.filter((e) => e.startsWith(`${family}.`));
      const hint =
        near.length > 0
          ? `${family} has ${near.join(", ")}`
          : `families: ${argyleWebhookFamilies.join(", ")}`;
      return `unknown event ${JSON.stringify(event)} (${hint}; run "argyle-webhooks events" for the catalog)`;
    });
}
