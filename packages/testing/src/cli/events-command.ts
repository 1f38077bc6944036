import { parseArgs } from "node:util";
import { argyleWebhookEvents } from "@argyle-webhooks/core";
import { selectArgyleEvents, UnknownEventError } from "../select-events.js";
import { type CliIO, EXIT, UsageError } from "./io.js";
import { parseCommand } from "./parse.js";

function configText(config: (typeof argyleWebhookEvents)[number]["config"]): string {
  if (!config.supported) return "-";
  return `${config.fields.join(", ")}${config.required ? " (required)" : ""}`;
}

/** `argyle-webhooks events [selector...] [--json]`. */
export function eventsCommand(argv: string[], io: CliIO): number {
  const { values, positionals } = parseCommand("events", () =>
    parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: "boolean" } } }),
  );
  let selected: Set<string>;
  try {
    selected = new Set(
      positionals.length > 0 ? selectArgyleEvents(positionals) : argyleWebhookEvents.map((d) => d.event),
    );
  } catch (error) {
    if (error instanceof UnknownEventError) throw new UsageError(error.message, "events");
    throw error;
  }
  const definitions = argyleWebhookEvents.filter((d) => selected.has(d.event));
  if (values.json) {
    const entries = definitions.map(({ event, family, action, handlerName, description, config }) => ({
      event,
      family,
      action,
      handlerName,
      description,
      config,
    }));
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = [
    ["EVENT", "HANDLER", "CONFIG"],
    ...definitions.map((d) => [d.event, d.handlerName, configText(d.config)]),
  ];
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => (r[c] as string).length)));
  for (const row of rows) {
    io.stdout.write(
      `${(row[0] as string).padEnd(widths[0] as number)}  ${(row[1] as string).padEnd(widths[1] as number)}  ${row[2]}\n`,
    );
  }
  io.stdout.write(`\n${definitions.length} of ${argyleWebhookEvents.length} events.\n`);
  return EXIT.ok;
}
