/**
 * `npm run bench`: the core benchmark, then the adapter benchmark, one after the other (never in parallel on
 * this 2-core machine), then BENCHMARKS.md assembled from their results.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";

const here = import.meta.dirname;
for (const script of ["core.ts", "adapters.ts", "fetch-builds.ts"]) {
  execFileSync(process.execPath, ["--import", "tsx", resolve(here, script)], { stdio: "inherit" });
}
const section = (name: string) => readFileSync(resolve(here, "results", name), "utf8");
writeFileSync(
  resolve(here, "..", "BENCHMARKS.md"),
  `# Benchmarks

Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), node ${process.version}.
This machine is small and shared, so absolute numbers move between runs; the ratios are measured side by side in one run.

${section("core.md")}
${section("adapters.md")}
${section("fetch-builds.md")}`,
);
console.log("wrote BENCHMARKS.md");
