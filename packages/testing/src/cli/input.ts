import { readFile } from "node:fs/promises";
import { isPlainObject } from "../merge-overrides.js";
import { parseAssignment } from "../set-path.js";
import { type CliIO, UsageError } from "./io.js";

async function readStdin(stdin: CliIO["stdin"]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * The exact bytes of `file`, or of stdin for `-` or no file. Refuses to wait on an interactive terminal.
 */
export async function readInput(command: string, file: string | undefined, io: CliIO): Promise<Buffer> {
  if (file === undefined || file === "-") {
    if (file === undefined && io.stdin.isTTY) {
      throw new UsageError(
        "No input: give a file, or pipe the body on stdin (use - to read stdin explicitly).",
        command,
      );
    }
    return readStdin(io.stdin);
  }
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      command,
    );
  }
}

/** The object in a `--data` JSON file. */
export async function readDataFile(
  command: string,
  file: string | undefined,
  io: CliIO,
): Promise<Record<string, unknown> | undefined> {
  if (file === undefined) return undefined;
  const text = (await readInput(command, file, io)).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--data ${file} is not valid JSON: ${(error as Error).message}`, command);
  }
  if (!isPlainObject(value)) throw new UsageError(`--data ${file} must hold a JSON object.`, command);
  return value;
}

/** `--set path=value` options as a path -> value record (later ones win). */
export function readAssignments(command: string, values: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  for (const item of list) {
    try {
      const { path, value } = parseAssignment(String(item));
      if (path.split(".").some((s) => s === "")) throw new Error(`Invalid path in "${String(item)}".`);
      const forbidden = path
        .split(".")
        .find((s) => s === "__proto__" || s === "prototype" || s === "constructor");
      if (forbidden !== undefined)
        throw new Error(`"${forbidden}" cannot be set (in "${String(item)}"): it is not a message field.`);
      out[path] = value;
    } catch (error) {
      throw new UsageError(`--set: ${(error as Error).message}`, command);
    }
  }
  return out;
}
