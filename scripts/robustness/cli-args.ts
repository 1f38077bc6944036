/**
 * Reads `--name value` / `--name=value` options of the robustness scripts, with a default.
 *
 * @example
 * ```ts
 * const runs = Number(cliOption("runs", "5000")); // npm run fuzz -- --runs 20000
 * ```
 */
export function cliOption(
  name: string,
  fallback: string,
  argv: readonly string[] = process.argv.slice(2),
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === `--${name}`) return argv[i + 1] ?? fallback;
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return fallback;
}

/** Parses a comma-separated adapter list such as `express 5,koa 3` (or `all`). */
export function adapterList<T extends string>(value: string, known: readonly T[]): T[] {
  if (value === "all") return [...known];
  const list = value.split(",").map((v) => v.trim());
  for (const v of list)
    if (!known.includes(v as T)) throw new Error(`unknown adapter "${v}"; known: ${known.join(", ")}`);
  return list as T[];
}
