/**
 * A/B of a cold start: this worktree's build of `@argyle-webhooks/core` (B) against another build (A, `--base DIR`,
 * a copy of the repository, built), and `@octokit/webhooks` for reference. Each sample is one fresh process with
 * nothing preloaded (so Node built-ins count for whoever loads them), timed in its own CPU time
 * (process.cpuUsage): the import alone, and the import + `new ArgyleWebhooks()` + the first `receive()` of a signed
 * 600 B delivery (octokit: the import + `new Webhooks()` + the first `verifyAndReceive()`). ESM and CommonJS;
 * which build goes first rotates every round.
 *
 * Run: npx tsx bench/ab-cold-start.ts --base /tmp/perf19-base [--rounds 21]
 * Results: `.tmp/results/ab-cold-start.md`.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { argyleDelivery, FLOOR_SECRET, octokitPing } from "./floor-bodies.js";
import { writeResultsFile } from "./write-results.js";

const { values } = parseArgs({
  options: { base: { type: "string" }, rounds: { type: "string", default: "21" } },
});
if (!values.base)
  throw new Error("--base DIR: a copy of the repository at the commit to compare with, built");
const ROUNDS = Number(values.rounds);
const root = resolve(import.meta.dirname, "..");
const argyle = argyleDelivery(600);
const ping = octokitPing(600);

type Format = "esm" | "cjs";
type Subject = "A" | "B" | "octokit";
const SUBJECTS: Subject[] = ["A", "B", "octokit"];

/** The statement that loads a subject in one format, binding `m`. */
function loader(subject: Subject, format: Format): string {
  if (subject === "octokit")
    return format === "esm"
      ? 'const m = await import("@octokit/webhooks");'
      : 'const m = require("@octokit/webhooks");';
  const dist = resolve(subject === "A" ? (values.base as string) : root, "packages/core/dist");
  return format === "esm"
    ? `const m = await import(${JSON.stringify(pathToFileURL(resolve(dist, "index.js")).href)});`
    : `const m = require(${JSON.stringify(resolve(dist, "index.cjs"))});`;
}

/** The first delivery after the import: construction and one signed message through the public API. */
function firstDelivery(subject: Subject): string {
  const secret = JSON.stringify(FLOOR_SECRET);
  if (subject === "octokit")
    return `const w = new m.Webhooks({ secret: ${secret} }); w.on("ping", () => {}); await w.verifyAndReceive({ id: "1", name: "ping", payload: ${JSON.stringify(ping.raw.toString())}, signature: ${JSON.stringify(ping.headers["x-hub-signature-256"])} });`;
  return `const w = new m.ArgyleWebhooks({ secret: ${secret}, handlers: { onGigsUpdated: () => {} } }); const r = await w.receive({ rawBody: Buffer.from(${JSON.stringify(argyle.raw.toString())}), headers: ${JSON.stringify(argyle.headers)} }); if (r.status !== 200) throw new Error("receive() answered " + r.status);`;
}

function sample(subject: Subject, format: Format, withDelivery: boolean): number {
  const body = `const c0 = process.cpuUsage(); ${loader(subject, format)} ${withDelivery ? firstDelivery(subject) : ""} const c = process.cpuUsage(c0); console.log((c.user + c.system) / 1000);`;
  const script = format === "esm" ? body : `(async () => { ${body} })();`;
  const args = format === "esm" ? ["--input-type=module", "-e", script] : ["-e", script];
  return Number(execFileSync(process.execPath, args, { cwd: root }).toString().trim());
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const spread = (xs: readonly number[], d: number) =>
  `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;

const rows: string[] = [];
for (const format of ["esm", "cjs"] as const) {
  for (const withDelivery of [false, true]) {
    const ms: Record<Subject, number[]> = { A: [], B: [], octokit: [] };
    for (let r = 0; r < ROUNDS; r++)
      for (let k = 0; k < SUBJECTS.length; k++) {
        const subject = SUBJECTS[(k + r) % SUBJECTS.length] as Subject;
        ms[subject].push(sample(subject, format, withDelivery));
      }
    const per = (a: Subject, b: Subject) => ms[a].map((x, i) => x / (ms[b][i] as number));
    rows.push(
      `| ${format} | ${withDelivery ? "import + first delivery" : "import"} | ${spread(ms.A, 2)} | ${spread(ms.B, 2)} | ${spread(ms.octokit, 2)} | ${spread(per("B", "A"), 3)} | ${spread(per("B", "octokit"), 3)} |`,
    );
  }
}

const report = `### Cold start: A (${values.base}) vs B (this build) vs \`@octokit/webhooks\`

Command: \`npx tsx bench/ab-cold-start.ts --base ${values.base} --rounds ${ROUNDS}\`, node ${process.version}
(each sample: one fresh process, nothing preloaded, CPU ms of the process from before the import; median (min–max))

| format | measured | A | B | octokit | B/A per round | B/octokit per round |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
console.log(report);
writeResultsFile("ab-cold-start", report);
