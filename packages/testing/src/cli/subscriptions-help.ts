const COMMON_OPTIONS = `  --json                      Print JSON instead of text (secrets masked)
  --base-url <url>            API base URL, sandbox or production (default: $ARGYLE_API_BASE_URL, else sandbox)
  --timeout <ms>              Timeout of each HTTP attempt (default 30000)`;

const CREDENTIALS = "Credentials: ARGYLE_API_KEY_ID and ARGYLE_API_KEY_SECRET.";

/**
 * `--help` text of `argyle-webhooks subscriptions` (key `subscriptions`) and of each of its commands (key
 * `subscriptions <command>`), in the format of the other commands' help.
 *
 * @example
 * ```ts
 * process.stdout.write(`${SUBSCRIPTIONS_HELP["subscriptions create"]}\n`);
 * ```
 */
export const SUBSCRIPTIONS_HELP: Readonly<Record<string, string>> = {
  subscriptions: `Usage: argyle-webhooks subscriptions <command> [options]

Manage Argyle webhook subscriptions (/v2/webhooks) with @argyle-webhooks/client.

Commands:
  list                        List the subscriptions, one a line (secrets masked)
  get <id>                    Print one subscription
  create --event <event>...   Create a subscription
  delete <id>...              Delete subscriptions by id
  sync --file <file|->        Create, replace and delete the subscriptions named with a prefix to match a file

Options (of every command):
${COMMON_OPTIONS}
  -h, --help                  Show help (also after any command)

${CREDENTIALS}
Exit codes: 0 success, 1 Argyle refused a call or could not be reached, 2 bad arguments.`,

  "subscriptions list": `Usage: argyle-webhooks subscriptions list [--json] [options]

Print every subscription, one a line: id, name, events, url, config, secret (masked).
Prints "no subscriptions" when there are none (--json prints []).

Options:
${COMMON_OPTIONS}

${CREDENTIALS}`,

  "subscriptions get": `Usage: argyle-webhooks subscriptions get <id> [--json] [options]

Print one subscription (secret masked).

Options:
${COMMON_OPTIONS}

${CREDENTIALS}`,

  "subscriptions create": `Usage: argyle-webhooks subscriptions create --event <event>... --name <name> --url <url> [options]

Create a subscription. Each event is checked against the catalog (argyle-webhooks events) before anything is
sent; --event '*' subscribes to every event Argyle's wildcard covers.

Options:
  --event <event>             An event to subscribe to; repeatable, or comma-separated
  --name <name>               The subscription's name
  --url <url>                 The endpoint Argyle delivers to
  --secret <secret>           The secret Argyle signs deliveries with
  --secret-env <var>          Read the secret from this environment variable instead
  --config <json>             The subscription's config, a JSON object (e.g. '{"days_synced":90}')
${COMMON_OPTIONS}

${CREDENTIALS}

Example:
  argyle-webhooks subscriptions create --event gigs.partially_synced --name svc:gigs \\
    --url https://example.com/webhooks/argyle --secret-env ARGYLE_WEBHOOK_SECRET --config '{"days_synced":90}'`,

  "subscriptions delete": `Usage: argyle-webhooks subscriptions delete <id>... [--json] [options]

Delete subscriptions by id, one after another; stops at the first that fails.

Options:
${COMMON_OPTIONS}

${CREDENTIALS}`,

  "subscriptions sync": `Usage: argyle-webhooks subscriptions sync --file <file|-> [--prefix <prefix>] [--dry-run] [options]

Create, replace and delete the subscriptions named with the prefix so that they match the file: a JSON array of
subscriptions, or { "prefix": "...", "subscriptions": [...] }. "secretEnv": "VAR" in a subscription reads its
secret from the environment. Subscriptions named without the prefix are never touched.

Options:
  --file <file|->             The desired subscriptions (- reads stdin)
  --prefix <prefix>           The managed name prefix (default: "prefix" in the file)
  --dry-run                   Print the plan and change nothing
${COMMON_OPTIONS}

${CREDENTIALS}

Example:
  argyle-webhooks subscriptions sync --file argyle-subscriptions.json --dry-run`,
};
