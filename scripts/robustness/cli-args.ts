/**
 * A bad command line of a maintainer script: the message is printed without a stack trace and the script exits 2.
 *
 * @example
 * ```ts
 * scriptUsageError('--duration must be a positive number, got "abc"');
 * ```
 */
export function scriptUsageError(message: string): never {
  const script = process.argv[1]?.split(/[\\/]/).pop()?.replace(/\.ts$/, "") ?? "script";
  process.stderr.write(`${script}: ${message}\n`);
  process.exit(2);
}

/**
 * Reads `--name value` / `--name=value` options of the robustness scripts, with a default.
 *
 * @example
 * ```ts
 * const seed = cliOption("seed", "20261126"); // npm run fuzz -- --seed 1
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
      if (value === undefined || value.startsWith("--")) scriptUsageError(`--${name} needs a value`);
      return value;
    }
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return fallback;
}

/**
 * A positive number option (`--duration 30`, `--runs 5000`); anything else (`abc`, `0`, `-1`, `1.5` where an
 * integer is needed) exits 2 with a message.
 *
 * @example
 * ```ts
 * const runs = numberOption("runs", 5000, { integer: true }); // npm run fuzz -- --runs 20000
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
    scriptUsageError(
      `--${name} must be a${positive ? " positive" : "n"} ${integer ? "integer" : "number"}, got ${JSON.stringify(raw)}`,
    );
  return value;
}

/**
 * Parses a comma-separated adapter list such as `express 5,koa 3` (or `all`); an unknown name exits 2 with the
 * known ones.
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
      scriptUsageError(`unknown adapter ${JSON.stringify(v)}; known: ${known.join(", ")} (or all)`);
  return list as T[];
}
