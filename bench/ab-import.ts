/**
 * A/B of the time `import "@argyle-webhooks/core"` takes: this worktree's build against another build (an unmodified
 * copy), in-process and interleaved: each fresh node process loads the Node built-ins core uses, then imports both
 * builds one after the other (which goes first alternates), timing each import with `performance.now()`. ESM and
 * CommonJS. Prints medians, min–max and the ratio B/A.
 *
 * Run: npx tsx bench/ab-import.ts --base /tmp/corestruct-base [--rounds 31]
 * (build both first). Results: `.tmp/results/ab-import.md`.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { writeResultsFile } from "./write-results.js";

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

/**
 * One fresh process imports both builds, timing each import itself; the Node built-ins core needs are loaded first,
 * so neither pays for them, and `first` decides which build goes first.
 */
function pair(format: "esm" | "cjs", first: "A" | "B"): Record<"A" | "B" | "heapA" | "heapB", number> {
  const order = first === "A" ? (["A", "B"] as const) : (["B", "A"] as const);
  const entry = (build: "A" | "B") => {
    const dist = resolve(roots[build], "packages/core/dist");
    return format === "esm"
      ? `await import(${JSON.stringify(pathToFileURL(resolve(dist, "index.js")).href)})`
      : `require(${JSON.stringify(resolve(dist, "index.cjs"))})`;
  };
  const builtins =
    format === "esm"
      ? 'await import("node:crypto"); await import("node:net"); await import("node:buffer");'
      : 'require("node:crypto"); require("node:net"); require("node:buffer");';
  const timed = order.map(
    (build) =>
      `gc(); h = process.memoryUsage().heapUsed; t = performance.now(); ${entry(build)}; out.${build} = performance.now() - t; gc(); out.heap${build} = process.memoryUsage().heapUsed - h;`,
  );
  const script = `${builtins} const out = {}; let t; let h; ${timed.join(" ")} console.log(JSON.stringify(out));`;
  const args = [
    "--expose-gc",
    ...(format === "esm" ? ["--input-type=module", "-e", script] : ["-e", script]),
  ];
  return JSON.parse(execFileSync(process.execPath, args).toString().trim()) as Record<
    "A" | "B" | "heapA" | "heapB",
    number
  >;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rows: string[] = [];
for (const format of ["esm", "cjs"] as const) {
  const ms = { A: [] as number[], B: [] as number[] };
  const heap = { A: [] as number[], B: [] as number[] };
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const got = pair(format, r % 2 === 0 ? "A" : "B");
    ms.A.push(got.A);
    ms.B.push(got.B);
    heap.A.push(got.heapA);
    heap.B.push(got.heapB);
    ratios.push(got.B / got.A);
  }
  const fmt = (xs: number[]) =>
    `${median(xs).toFixed(2)} ms (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  rows.push(
    `| ${format} | ${fmt(ms.A)} | ${fmt(ms.B)} | ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}) | ${(Math.min(...ms.B) / Math.min(...ms.A)).toFixed(3)} | ${(median(heap.A) / 1024).toFixed(0)} KB | ${(median(heap.B) / 1024).toFixed(0)} KB |`,
  );
}

const report = `### import "@argyle-webhooks/core": A (${values.base}) vs B (this build)

Command: \`npx tsx bench/ab-import.ts --base ${values.base} --rounds ${ROUNDS}\`
(each sample: one fresh process, built-ins preloaded, both builds imported in turn, first one alternating; median, min–max)

| format | A | B | B/A per round | B/A of the fastest | A heap kept | B heap kept |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
console.log(report);
writeResultsFile("ab-import", report);
