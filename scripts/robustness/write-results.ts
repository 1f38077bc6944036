import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of `bench/results/<name>.md`. */
export function resultsPath(name: string): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../bench/results", `${name}.md`);
}

/**
 * Writes the latest results of a robustness run to `bench/results/<name>.md`: the command, when and where it ran,
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
): string {
  const path = resultsPath(name);
  mkdirSync(dirname(path), { recursive: true });
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
  writeFileSync(path, lines.join("\n"));
  return path;
}
