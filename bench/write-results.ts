import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where a run's results go: `.tmp/results/<name>.md` (ignored by git), or, with `--write-results`, the tracked
 * `bench/results/<name>.md` that the README and BENCHMARKS.md cite. So a trial run never overwrites the published
 * numbers by accident.
 *
 * @example
 * ```ts
 * resultsPath("load"); // ".../.tmp/results/load.md"; ".../bench/results/load.md" with --write-results
 * ```
 */
export function resultsPath(name: string, argv: readonly string[] = process.argv.slice(2)): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const dir = argv.includes("--write-results") ? "bench/results" : ".tmp/results";
  return resolve(root, dir, `${name}.md`);
}

/**
 * Writes the latest results of a robustness run to {@link resultsPath} (`bench/results/<name>.md` only with
 * `--write-results`): the command, when and where it ran,
 * whether every requirement held, a summary table and the full report as JSON.
 *
 * @example
 * ```ts
 * writeResults("fuzz", { command: "npm run fuzz", summary: [["inputs", "20000"]], report, failures: [] });
 * ```
 */
export function writeResults(
  name: string,
  result: { command: string; summary: [string, string][]; report: unknown; failures: readonly string[] },
  argv?: readonly string[],
): string {
  const lines = [
    `# ${name}: latest results`,
    "",
    `Command: \`${result.command}\`  `,
    `Run: ${new Date().toISOString()}, node ${process.version}, ${process.platform}/${process.arch}, ${(globalThis.navigator?.hardwareConcurrency ?? "?").toString()} CPUs  `,
    `Verdict: ${result.failures.length === 0 ? "**pass**, every requirement held" : `**FAIL**, ${result.failures.length} requirement(s) failed`}`,
    "",
    "| measure | value |",
    "| --- | --- |",
    ...result.summary.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, "\\|")} |`),
    "",
    ...(result.failures.length > 0
      ? ["## Failures", "", ...result.failures.slice(0, 50).map((f) => `- ${f}`), ""]
      : []),
    "## Full report",
    "",
    "```json",
    JSON.stringify(result.report, null, 2),
    "```",
    "",
  ];
  return writeResultsFile(name, lines.join("\n"), argv);
}

/**
 * Writes `text` to {@link resultsPath}`(name)`, creating the folder; returns the path.
 *
 * @example
 * ```ts
 * writeResultsFile("core", report); // .tmp/results/core.md, or bench/results/core.md with --write-results
 * ```
 */
export function writeResultsFile(name: string, text: string, argv?: readonly string[]): string {
  const path = resultsPath(name, argv);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}
