import { parseArgs } from "node:util";
import { getArgyleWebhookDefinition } from "@argyle-webhooks/core";
import { selectArgyleEvents, UnknownEventError } from "../select-events.js";
import { buildTriggerDeliveries } from "../trigger-events.js";
import { readAssignments, readDataFile } from "./input.js";
import { type CliIO, EXIT, UsageError } from "./io.js";
import { parseCommand } from "./parse.js";

/** `argyle-webhooks example <event> [--compact] [--data file] [--set path=value]...`. */
export async function exampleCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand("example", () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        compact: { type: "boolean" },
        data: { type: "string" },
        set: { type: "string", multiple: true },
      },
    }),
  );
  if (positionals.length !== 1)
    throw new UsageError("Give exactly one event, e.g. `example gigs.updated`.", "example");
  const event = positionals[0] as string;
  if (!getArgyleWebhookDefinition(event)) {
    try {
      selectArgyleEvents(event);
    } catch (error) {
      if (error instanceof UnknownEventError) throw new UsageError(error.message, "example");
      throw error;
    }
    throw new UsageError(`"${event}" selects several events; give one event name.`, "example");
  }
  const data = await readDataFile("example", values.data, io);
  const set = readAssignments("example", values.set);
  let delivery: ReturnType<typeof buildTriggerDeliveries>[number] | undefined;
  try {
    [delivery] = buildTriggerDeliveries(event, { secret: null, pretty: !values.compact, data, set });
  } catch (error) {
    throw new UsageError(`Cannot build the message: ${(error as Error).message}`, "example");
  }
  io.stdout.write(delivery?.body ?? "");
  if (io.stdout.isTTY) io.stdout.write("\n");
  return EXIT.ok;
}
