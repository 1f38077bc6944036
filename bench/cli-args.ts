/**
 * A bad command line of a benchmark or robustness script: its `main` prints the message without a stack trace and
 * returns 2.
 *
 * @example
 * ```ts
 * throw new ScriptUsageError('--duration must be a positive number, got "abc"');
 * ```
 */
export class ScriptUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScriptUsageError";
  }
}

/**
 * Reads `--name value` / `--name=value` options of the robustness scripts, with a default.
 *
 * @example
 * ```ts
 * const seed = cliOption("seed", "20261126", argv); // npm run fuzz -- --seed 1
 * ```
 */
export function cliOption(
  name: string,
  fallback: string,
  argv: readonly string[] = process.argv.slice(2),
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === `--${name}`) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--"))
        throw new ScriptUsageError(`--${name} needs a value`);
      return value;
    }
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return fallback;
}

/**
 * A positive number option (`--duration 30`, `--runs 5000`); anything else (`abc`, `0`, `-1`, `1.5` where an
 * integer is needed) throws a {@link ScriptUsageError}.
 *
 * @example
 * ```ts
 * const runs = numberOption("runs", 5000, { integer: true }, argv); // npm run fuzz -- --runs 20000
 * ```
 */
export function numberOption(
  name: string,
  fallback: number,
  { integer = false, positive = true }: { integer?: boolean; positive?: boolean } = {},
  argv: readonly string[] = process.argv.slice(2),
): number {
  const raw = cliOption(name, String(fallback), argv);
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || (positive && value <= 0) || (integer && !Number.isInteger(value)))
    throw new ScriptUsageError(
      `--${name} must be a${positive ? " positive" : "n"} ${integer ? "integer" : "number"}, got ${JSON.stringify(raw)}`,
    );
  return value;
}

/**
 * Parses a comma-separated adapter list such as `express 5,koa 3` (or `all`); an unknown name throws a
 * {@link ScriptUsageError} naming the known ones.
 *
 * @example
 * ```ts
 * adapterList("express 5,koa 3", ["express 5", "express 4", "koa 3", "koa 2"]); // ["express 5", "koa 3"]
 * ```
 */
export function adapterList<T extends string>(value: string, known: readonly T[]): T[] {
  if (value === "all") return [...known];
  const list = value.split(",").map((v) => v.trim());
  for (const v of list)
    if (!known.includes(v as T))
      throw new ScriptUsageError(`unknown adapter ${JSON.stringify(v)}; known: ${known.join(", ")} (or all)`);
  return list as T[];
}

/**
 * Runs a script body, turning a {@link ScriptUsageError} into the message on stderr (`<script>: <message>`) and exit
 * code 2.
 *
 * @example
 * ```ts
 * export const main = (argv: string[], io: ScriptIO) => withUsageErrors("fuzz", io, () => fuzz(argv, io));
 * ```
 */
export async function withUsageErrors(
  script: string,
  io: { stderr: { write(chunk: string): unknown } },
  run: () => number | Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ScriptUsageError)) throw error;
    io.stderr.write(`${script}: ${error.message}\n`);
    return 2;
  }
}
