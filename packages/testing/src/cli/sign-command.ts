import { parseArgs } from "node:util";
import { signArgylePayload, verifyArgyleSignature } from "@argyle-webhooks/core";
import { readInput } from "./input.js";
import { type CliIO, EXIT, UsageError } from "./io.js";
import { parseCommand, requireSecret, stringOption } from "./parse.js";

function inputFile(command: string, positionals: string[]): string | undefined {
  if (positionals.length > 1) throw new UsageError("Give at most one input file (or - for stdin).", command);
  return positionals[0];
}

/** `argyle-webhooks sign --secret S [file|-]`: prints the hex signature of the exact input bytes. */
export async function signCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand("sign", () =>
    parseArgs({ args: argv, allowPositionals: true, strict: true, options: { secret: { type: "string" } } }),
  );
  const secret = requireSecret("sign", values.secret, io.env);
  const body = await readInput("sign", inputFile("sign", positionals), io);
  io.stdout.write(`${signArgylePayload(body, secret)}\n`);
  return EXIT.ok;
}

/** `argyle-webhooks verify --secret S --signature X [file|-]`: exit 0 when the signature matches, 1 otherwise. */
export async function verifyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand("verify", () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        secret: { type: "string", multiple: true },
        signature: { type: "string" },
      },
    }),
  );
  const secrets =
    values.secret && values.secret.length > 0 ? values.secret : [requireSecret("verify", undefined, io.env)];
  if (secrets.some((s) => s.trim() === "")) throw new UsageError("--secret must not be empty.", "verify");
  const signature = stringOption(values.signature);
  if (signature === undefined)
    throw new UsageError("Missing --signature (the X-Argyle-Signature value).", "verify");
  const body = await readInput("verify", inputFile("verify", positionals), io);
  // A malformed signature is an invalid one (exit 1, as documented), with the reason.
  if (!/^[0-9a-fA-F]{128}$/.test(signature.trim())) {
    io.stderr.write(
      "invalid: --signature is not 128 hex digits (an X-Argyle-Signature is a hex HMAC-SHA512).\n",
    );
    return EXIT.failed;
  }
  if (verifyArgyleSignature(body, signature, secrets)) {
    io.stdout.write("valid: the signature matches the body.\n");
    return EXIT.ok;
  }
  io.stderr.write(
    `invalid: the signature does not match the body for the given secret${secrets.length > 1 ? "s" : ""}.\n`,
  );
  return EXIT.failed;
}
