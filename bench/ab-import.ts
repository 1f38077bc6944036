/**
 * A/B of the time `import "@argyle-webhooks/core"` takes: this worktree's build against another build (an unmodified
 * copy). Each sample is a fresh node process that times the import itself (`performance.now()` around it, so process
 * start-up is not counted); A and B alternate, ESM and CommonJS. Prints medians, min–max and the ratio B/A.
 *
 * Run: npx tsx bench/ab-import.ts --base /tmp/corestruct-base [--rounds 31]
 * (build both first). Results: `.tmp/results/ab-import.md`.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { writeResultsFile } from "../scripts/robustness/write-results.js";

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    rounds: { type: "string", default: "31" },
    "write-results": { type: "boolean", default: false },
  },
});
if (!values.base)
  throw new Error("--base DIR: a copy of the repository at the commit to compare with, built");
const ROUNDS = Number(values.rounds);
const roots = { A: values.base, B: resolve(import.meta.dirname, "..") };

function sample(root: string, format: "esm" | "cjs"): number {
  const dist = resolve(root, "packages/core/dist");
  const script =
    format === "esm"
      ? `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(resolve(dist, "index.js")).href)}); console.log(performance.now() - t);`
      : `const t = performance.now(); require(${JSON.stringify(resolve(dist, "index.cjs"))}); console.log(performance.now() - t);`;
  const args = format === "esm" ? ["--input-type=module", "-e", script] : ["-e", script];
  return Number(execFileSync(process.execPath, args).toString().trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rows: string[] = [];
for (const format of ["esm", "cjs"] as const) {
  const ms = { A: [] as number[], B: [] as number[] };
  const ratios: number[] = [];
  sample(roots.A, format);
  sample(roots.B, format);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const);
    const got: Partial<Record<"A" | "B", number>> = {};
    for (const build of order) got[build] = sample(roots[build], format);
    ms.A.push(got.A as number);
    ms.B.push(got.B as number);
    ratios.push((got.B as number) / (got.A as number));
  }
  const fmt = (xs: number[]) =>
    `${median(xs).toFixed(2)} ms (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  rows.push(
    `| ${format} | ${fmt(ms.A)} | ${fmt(ms.B)} | ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}) | ${(Math.min(...ms.B) / Math.min(...ms.A)).toFixed(3)} |`,
  );
}

const report = `### import "@argyle-webhooks/core": A (${values.base}) vs B (this build)

Command: \`npx tsx bench/ab-import.ts --base ${values.base} --rounds ${ROUNDS}\`
(a fresh node process per sample timing the import itself; A and B alternate; median, min–max)

| format | A | B | B/A per round | B/A of the fastest |
| --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
console.log(report);
writeResultsFile("ab-import", report);
