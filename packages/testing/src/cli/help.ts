import { SUBSCRIPTIONS_HELP } from "./subscriptions-help.js";

/** `--help` text of the CLI and of each command. */
export const HELP: Readonly<Record<string, string>> = {
  ...SUBSCRIPTIONS_HELP,
  main: `Usage: argyle-webhooks <command> [options]

Test Argyle webhook receivers without Argyle: signed deliveries built from Argyle's own spec examples.

Commands:
  events [selector...]        List the webhook events (handler name, config support)
  example <event>             Print the spec example message of an event
  sign [file|-]               Print the X-Argyle-Signature of a body
  verify [file|-]             Check an X-Argyle-Signature against a body
  trigger <selector...>       Send signed example deliveries to a URL
  replay <file.jsonl|->       Send the deliveries of a JSON Lines file to a URL
  subscriptions <command>     Manage Argyle webhook subscriptions (via @argyle-webhooks/client)
  inbox <command>             Inspect the durable-delivery inbox (via @argyle-webhooks/inbox)

Options:
  -h, --help                  Show help (also after any command)
  -v, --version               Show the version

A selector is an event (gigs.updated), a family (gigs.*) or all.
--secret defaults to the ARGYLE_WEBHOOK_SECRET environment variable.
Exit codes: 0 success, 1 a delivery, a verification or an Argyle API call failed, 2 bad arguments.`,

  events: `Usage: argyle-webhooks events [selector...] [--json]

List Argyle's webhook events: name, handler name and the subscription config each accepts.

Options:
  --json                      Print the catalog entries as JSON

Examples:
  argyle-webhooks events
  argyle-webhooks events accounts.* --json`,

  example: `Usage: argyle-webhooks example <event> [--compact] [--data file] [--set path=value]...

Print an event's example message from Argyle's spec, exactly as it would be delivered (2-space indent, no
trailing newline unless stdout is a terminal), so it can be piped to "sign".

Options:
  --data <file>               Deep-merge this JSON object into the message
  --set <path=value>          Set a value at a dot path (JSON, else a string); repeatable
  --compact                   Compact JSON instead of Argyle's pretty-printing

Example:
  argyle-webhooks example gigs.partially_synced --set data.days_synced=90`,

  sign: `Usage: argyle-webhooks sign --secret <secret> [file|-]

Print the X-Argyle-Signature (hex HMAC-SHA512) of the exact bytes of a file or stdin.

Options:
  --secret <secret>           The subscription secret (default: $ARGYLE_WEBHOOK_SECRET)

Example:
  argyle-webhooks example users.fully_synced | argyle-webhooks sign --secret s3cret`,

  verify: `Usage: argyle-webhooks verify --secret <secret> --signature <hex> [file|-]

Check a signature against the exact bytes of a file or stdin. Exit 0 when it matches, 1 when it does not.

Options:
  --secret <secret>           A secret to try; repeat for rotation (default: $ARGYLE_WEBHOOK_SECRET)
  --signature <hex>           The X-Argyle-Signature header value

Example:
  argyle-webhooks verify --secret s3cret --signature 9f86d0... body.json`,

  trigger: `Usage: argyle-webhooks trigger <event|family.*|all>... --url <url> --secret <secret> [options]

POST a signed example delivery of each selected event to --url, one after another, printing the status and
time of each and a summary. Exit 1 when any delivery did not get a 2xx response.

Options:
  --url <url>                 The webhook endpoint
  --secret <secret>           Sign with this secret (default: $ARGYLE_WEBHOOK_SECRET)
  --unsigned                  Send without X-Argyle-Signature
  --data <file>               Deep-merge this JSON object into every message
  --set <path=value>          Set a value at a dot path (JSON, else a string); repeatable
  --compact                   Compact JSON instead of Argyle's pretty-printing
  --timeout <ms>              Per-delivery timeout (default 10000)
  --json                      Print one JSON result document instead of progress lines

Examples:
  argyle-webhooks trigger gigs.partially_synced --url http://localhost:3000/webhooks/argyle --secret s3cret --set data.days_synced=90
  argyle-webhooks trigger accounts.* --url http://localhost:3000/webhooks/argyle --secret s3cret
  argyle-webhooks trigger all --url http://localhost:3000/webhooks/argyle --secret s3cret`,

  replay: `Usage: argyle-webhooks replay <file.jsonl|-> --url <url> [--secret <secret>] [options]

Send the deliveries of a JSON Lines file, one per line, in order. A line is either
  a message object     {"event":"gigs.updated","name":"...","data":{...}}   (serialised like Argyle, signed with --secret)
  a recorded delivery  {"body":"<exact raw body>","headers":{...}}          (body sent byte for byte with its headers;
                                                                             re-signed when --secret is given)
Exit 1 when any delivery did not get a 2xx response.

Options:
  --url <url>                 The webhook endpoint
  --secret <secret>           Sign every delivery with this secret (default: $ARGYLE_WEBHOOK_SECRET)
  --compact                   Compact JSON for message lines
  --timeout <ms>              Per-delivery timeout (default 10000)
  --json                      Print one JSON result document instead of progress lines`,
};
