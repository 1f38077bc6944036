import { eventsCommand } from "./events-command.js";
import { exampleCommand } from "./example-command.js";
import { HELP } from "./help.js";
import { inboxCommand } from "./inbox-command.js";
import { type CliIO, EXIT, UsageError } from "./io.js";
import { wantsHelp } from "./parse.js";
import { replayCommand } from "./replay-command.js";
import { signCommand, verifyCommand } from "./sign-command.js";
import { subscriptionsCommand } from "./subscriptions-command.js";
import { triggerCommand } from "./trigger-command.js";

const COMMANDS: Readonly<Record<string, (argv: string[], io: CliIO) => number | Promise<number>>> = {
  events: eventsCommand,
  example: exampleCommand,
  sign: signCommand,
  verify: verifyCommand,
  trigger: triggerCommand,
  replay: replayCommand,
};

/** Replaced with the package version at build time (tsup `define`). */
declare const __ARGYLE_WEBHOOKS_VERSION__: string;

function version(): string {
  return typeof __ARGYLE_WEBHOOKS_VERSION__ === "string" ? __ARGYLE_WEBHOOKS_VERSION__ : "unknown";
}

/** Runs the `argyle-webhooks` CLI with `argv` (without node and script); resolves with the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      // `help subscriptions sync` names a command of a command.
      const nested = rest.join(" ");
      const topic = command !== "help" ? undefined : HELP[nested] !== undefined ? nested : rest[0];
      if (topic !== undefined && HELP[topic] === undefined)
        throw new UsageError(`No help for "${topic}": no such command.`);
      io.stdout.write(`${HELP[topic ?? "main"]}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    if (command === "subscriptions") return await subscriptionsCommand(rest, io);
    if (command === "inbox") return await inboxCommand(rest, io);
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`Unknown command "${command}".`);
    if (wantsHelp(rest)) {
      io.stdout.write(`${HELP[command]}\n`);
      return EXIT.ok;
    }
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `argyle-webhooks ${error.command} --help` : "argyle-webhooks --help";
      io.stderr.write(`argyle-webhooks: ${error.message}\nRun \`${help}\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr.write(`argyle-webhooks: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failed;
  }
}
