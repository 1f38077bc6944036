import { parseArgs } from "node:util";
import { UnknownEventError } from "../select-events.js";
import { sendDeliveries } from "../send-deliveries.js";
import { buildTriggerDeliveries } from "../trigger-events.js";
import { readAssignments, readDataFile } from "./input.js";
import { type CliIO, EXIT, UsageError } from "./io.js";
import { parseCommand, positiveInteger, requireSecret, requireUrl } from "./parse.js";
import { formatSummary, progress, summaryJson } from "./report.js";

/** `argyle-webhooks trigger <selector...> --url U --secret S [--data file] [--set path=value]...`. */
export async function triggerCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand("trigger", () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: "string" },
        secret: { type: "string" },
        unsigned: { type: "boolean" },
        data: { type: "string" },
        set: { type: "string", multiple: true },
        compact: { type: "boolean" },
        timeout: { type: "string" },
        json: { type: "boolean" },
      },
    }),
  );
  if (positionals.length === 0) throw new UsageError("Give an event, a family (gigs.*) or all.", "trigger");
  const url = requireUrl("trigger", values.url);
  if (values.unsigned && values.secret !== undefined)
    throw new UsageError("--unsigned and --secret conflict.", "trigger");
  const secret = values.unsigned ? null : requireSecret("trigger", values.secret, io.env);
  const timeoutMs = positiveInteger("trigger", "timeout", values.timeout);
  const data = await readDataFile("trigger", values.data, io);
  const set = readAssignments("trigger", values.set);
  let deliveries: ReturnType<typeof buildTriggerDeliveries>;
  try {
    deliveries = buildTriggerDeliveries(positionals, { secret, pretty: !values.compact, data, set });
  } catch (error) {
    if (error instanceof UnknownEventError) throw new UsageError(error.message, "trigger");
    throw new UsageError(`Cannot build the deliveries: ${(error as Error).message}`, "trigger");
  }
  const json = values.json === true;
  const summary = await sendDeliveries(url, deliveries, { timeoutMs, onResult: progress(io, json) });
  io.stdout.write(`${json ? summaryJson(summary, url) : formatSummary(summary, url)}\n`);
  return summary.ok ? EXIT.ok : EXIT.failed;
}
