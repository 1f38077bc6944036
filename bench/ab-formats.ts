/**
 * A/B of the generated validators' format checks, in one process, rounds interleaved, timed in CPU time of the
 * process (process.cpuUsage), so time spent preempted by other processes does not count:
 *
 * 1. `uuid` alone: ajv-formats' full-mode pattern against `scripts/codegen/formats-runtime.cjs`'s check, over the
 *    2215 ids of the 100 KB `gigs.updated` delivery (bench/floor-bodies.ts), parsed from JSON as a delivery's are.
 * 2. `date-time` alone: the other build's `formats-runtime.cjs` check (A, `--base DIR`) against this worktree's (B),
 *    per call on each of three Argyle-like timestamps (milliseconds and Z, seconds and Z, microseconds and +00:00).
 * 3. The `gigs.updated` validator of another build (A, `--base DIR`: a copy of the repository, codegen run) against
 *    this worktree's (B), on the parsed 600 B and 100 KB deliveries.
 * 4. The in-process floor (HMAC-SHA512 + timingSafeEqual + JSON.parse of the 100 KB delivery) alone and with
 *    each validator: what "floor + validator" costs against the plain floor.
 *
 * Run: npx tsx bench/ab-formats.ts --base /tmp/perf19-base [--rounds 15]
 * Results: `.tmp/results/ab-formats.md`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { argyleDelivery, FLOOR_SECRET } from "./floor-bodies.js";
import { writeResultsFile } from "./write-results.js";

const { values } = parseArgs({
  options: { base: { type: "string" }, rounds: { type: "string", default: "15" } },
});
if (!values.base) throw new Error("--base DIR: a copy of the repository at the commit to compare with");
const ROUNDS = Number(values.rounds);
const SLICE_MS = 20;
const root = resolve(import.meta.dirname, "..");

type Validate = (data: unknown) => boolean;
const load = async (dir: string): Promise<Validate> => {
  const url = pathToFileURL(resolve(dir, "generated/validators.mjs")).href;
  const mod = (await import(url)) as { validators: Record<string, Validate> };
  return mod.validators["gigs.updated"] as Validate;
};
const validateA = await load(values.base);
const validateB = await load(root);
type Check = (value: string) => boolean;
const formatsOf = (dir: string) =>
  createRequire(import.meta.url)(resolve(dir, "scripts/codegen/formats-runtime.cjs")) as Record<
    string,
    Check
  >;
const ourUuid = formatsOf(root).uuid as Check;
const dateTimeA = formatsOf(values.base)["date-time"] as Check;
const dateTimeB = formatsOf(root)["date-time"] as Check;
const TIMESTAMPS = ["2023-03-13T18:26:44.511Z", "2023-03-13T18:26:44Z", "2023-03-13T18:26:44.511000+00:00"];
/** 1000 checks of `value` per run, so one call's cost is not lost in the loop's. */
const thousandTimes = (check: Check, value: string) => () => {
  for (let i = 0; i < 1000; i++) if (!check(value)) throw new Error("rejected");
};
const pattern = fullFormats.uuid as RegExp;

const big = argyleDelivery(100 * 1024);
const small = argyleDelivery(600);
const parse = (raw: Buffer) => JSON.parse(raw.toString("utf8")) as { data: { updated_gigs: string[] } };
const ids = parse(big.raw).data.updated_gigs;
const signature = Buffer.from(big.headers["x-argyle-signature"] as string, "hex");

const floor = (validate?: Validate) => () => {
  const expected = createHmac("sha512", FLOOR_SECRET).update(big.raw).digest();
  if (!timingSafeEqual(expected, signature)) throw new Error("floor rejected");
  const message: unknown = JSON.parse(big.raw.toString("utf8"));
  if (validate && !validate(message)) throw new Error("invalid");
};
const everyId = (check: (value: string) => boolean) => () => {
  for (let i = 0; i < ids.length; i++) if (!check(ids[i] as string)) throw new Error("rejected");
};
const validating = (validate: Validate, message: unknown) => () => {
  if (!validate(message)) throw new Error("invalid");
};

interface Case {
  name: string;
  run: () => void;
  per: number;
  unit: "ns" | "µs";
}
const groups: { title: string; cases: Case[] }[] = [
  {
    title: "uuid check, per id (2215 ids)",
    cases: [
      { name: "ajv-formats pattern (A)", run: everyId((v) => pattern.test(v)), per: ids.length, unit: "ns" },
      { name: "formats-runtime uuid (B)", run: everyId(ourUuid), per: ids.length, unit: "ns" },
    ],
  },
  ...TIMESTAMPS.map((value) => ({
    title: `date-time check, per call: ${value}`,
    cases: [
      {
        name: "base formats-runtime (A)",
        run: thousandTimes(dateTimeA, value),
        per: 1000,
        unit: "ns" as const,
      },
      { name: "formats-runtime (B)", run: thousandTimes(dateTimeB, value), per: 1000, unit: "ns" as const },
    ],
  })),
  {
    title: "gigs.updated validator, 600 B",
    cases: [
      { name: "A", run: validating(validateA, parse(small.raw)), per: 1, unit: "µs" },
      { name: "B", run: validating(validateB, parse(small.raw)), per: 1, unit: "µs" },
    ],
  },
  {
    title: "gigs.updated validator, 100 KB",
    cases: [
      { name: "A", run: validating(validateA, parse(big.raw)), per: 1, unit: "µs" },
      { name: "B", run: validating(validateB, parse(big.raw)), per: 1, unit: "µs" },
    ],
  },
  {
    title: "in-process floor, 100 KB",
    cases: [
      { name: "floor", run: floor(), per: 1, unit: "µs" },
      { name: "floor + validator A", run: floor(validateA), per: 1, unit: "µs" },
      { name: "floor + validator B", run: floor(validateB), per: 1, unit: "µs" },
    ],
  },
];

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
/** Iterations of `run` that take about SLICE_MS, found once per case after a warm-up. */
const calibrate = (run: () => void) => {
  for (let i = 0; i < 200; i++) run();
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) run();
    if (performance.now() - t > SLICE_MS / 4) return Math.ceil(n * 4);
    n *= 2;
  }
};
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const range = (xs: readonly number[], d: number) =>
  `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;

const lines: string[] = [];
for (const { title, cases } of groups) {
  const iterations = cases.map((c) => calibrate(c.run));
  const cost = cases.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order each round, so neither side always runs first.
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length;
      const c = cases[i] as Case;
      const n = iterations[i] as number;
      const t = cpuMicros();
      for (let j = 0; j < n; j++) c.run();
      const micros = (cpuMicros() - t) / (n * c.per);
      cost[i]?.push(c.unit === "ns" ? micros * 1000 : micros);
    }
  }
  lines.push(`\n#### ${title}\n\n| case | CPU per item | vs first, per round |\n| --- | --- | --- |`);
  cases.forEach((c, i) => {
    const ratios = (cost[i] as number[]).map((x, r) => x / ((cost[0] as number[])[r] as number));
    lines.push(`| ${c.name} | ${range(cost[i] as number[], 2)} ${c.unit} | ${range(ratios, 3)} |`);
  });
}

const report = `### Format checks and validators: A (${values.base}) vs B (this worktree)

Command: \`npx tsx bench/ab-formats.ts --base ${values.base} --rounds ${ROUNDS}\`, node ${process.version}
(${ROUNDS} interleaved rounds of about ${SLICE_MS} ms per case, CPU time; median (min–max))
${lines.join("\n")}
`;
console.log(report);
writeResultsFile("ab-formats", report);
