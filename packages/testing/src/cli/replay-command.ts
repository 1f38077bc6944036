import { parseArgs } from "node:util";
import { parseReplayLines, ReplayLineError } from "../replay-lines.js";
import { sendDeliveries } from "../send-deliveries.js";
import { readInput } from "./input.js";
import { type CliIO, EXIT, UsageError } from "./io.js";
import { parseCommand, positiveInteger, requireUrl, stringOption } from "./parse.js";
import { formatSummary, progress, summaryJson } from "./report.js";

/** `argyle-webhooks replay <file.jsonl|-> --url U [--secret S]`. */
export async function replayCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand("replay", () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: "string" },
        secret: { type: "string" },
        compact: { type: "boolean" },
        timeout: { type: "string" },
        json: { type: "boolean" },
      },
    }),
  );
  if (positionals.length !== 1) throw new UsageError("Give one JSON Lines file (or - for stdin).", "replay");
  const url = requireUrl("replay", values.url);
  const secret = stringOption(values.secret, io.env.ARGYLE_WEBHOOK_SECRET || undefined);
  if (secret === "") throw new UsageError("--secret must not be empty.", "replay");
  const timeoutMs = positiveInteger("replay", "timeout", values.timeout);
  const file = positionals[0] as string;
  const text = (await readInput("replay", file, io)).toString("utf8");
  let deliveries: ReturnType<typeof parseReplayLines>;
  try {
    deliveries = parseReplayLines(text, { secret, pretty: !values.compact });
  } catch (error) {
    if (error instanceof ReplayLineError) throw new UsageError(`${file}, ${error.message}`, "replay");
    throw error;
  }
  if (deliveries.length === 0) throw new UsageError(`${file} holds no deliveries.`, "replay");
  const json = values.json === true;
  const summary = await sendDeliveries(url, deliveries, { timeoutMs, onResult: progress(io, json) });
  io.stdout.write(`${json ? summaryJson(summary, url) : formatSummary(summary, url)}\n`);
  return summary.ok ? EXIT.ok : EXIT.failed;
}
