/**
 * `npm run bench`: the core benchmark, then the floor benchmark (adapters against the hand-rolled floor and
 * octokit, receive(), import time; it replaces bench/adapters.ts here, which still runs on its own), one after the
 * other (never in parallel on this 2-core machine), then BENCHMARKS.md assembled from their results.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { resultsPath } from "./write-results.js";

const here = import.meta.dirname;
const args = process.argv.slice(2);
for (const script of ["core.ts", "floor.ts", "fetch-builds.ts", "telemetry.ts", "inbox-all.ts"]) {
  execFileSync(process.execPath, ["--import", "tsx", resolve(here, script), ...args], { stdio: "inherit" });
}
const section = (name: string) => readFileSync(resultsPath(name), "utf8");
// BENCHMARKS.md is tracked and cited by the README: rewritten only with --write-results.
const benchmarks = args.includes("--write-results")
  ? resolve(here, "..", "BENCHMARKS.md")
  : resolve(here, "..", ".tmp/results/BENCHMARKS.md");
writeFileSync(
  benchmarks,
  `# Benchmarks

Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), node ${process.version}.
This machine is small and shared, so absolute numbers move between runs; the ratios are measured side by side in one run.

${section("core")}
${section("floor")}
${section("fetch-builds")}
${section("telemetry")}
${section("inbox")}`,
);
console.log(`wrote ${benchmarks}`);
