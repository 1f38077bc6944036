/**
 * `npm run bench:floor` (part of `npm run bench`): our adapters measured against the physical floor of a webhook
 * receiver, side by side in one run.
 *
 * 1. Servers: per adapter (Express 4 and 5, Koa 2 and 3, node:http, Fetch on Node through a minimal node→Request
 *    bridge), each variant in its own process (bench/floor-server.mjs): the bare route (raw body, no HMAC), the
 *    hand-rolled floor (raw body + HMAC-SHA512 + timingSafeEqual + JSON.parse), ours with default options and a
 *    sync or an async handler, and `@octokit/webhooks`' node middleware on node:http. By default every variant of
 *    an adapter is under load at the same time (one autocannon instance each, all in parallel, servers sharing one
 *    CPU), so a busy machine slows them alike; `--sequential` runs them one after the other instead, in an order
 *    that rotates each round. Client on CPU 0, servers on CPU 1 (taskset) when the machine has two CPUs.
 *    Reported: requests/s and the server process's CPU µs per request (process.cpuUsage delta / 2xx answers).
 * 2. receive() against its in-process floor (bench/floor-receive.ts, a fresh process), and heap bytes per delivery.
 * 3. Import time of `@argyle-webhooks/core` and `@octokit/webhooks`, fresh processes, interleaved.
 *
 * Run: npx tsx bench/floor.ts [--quick] [--sequential] [--seconds=2] [--rounds=5] [--imports=15]
 *        [--adapters=express4,express5,koa2,koa3,node,fetch] [--write-results]
 * Writes .tmp/results/floor.md (bench/results/floor.md with --write-results).
 */
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { resolve } from "node:path";
import autocannon from "autocannon";
import { ADAPTERS as REGISTRY } from "../test/helpers/adapter-registry.js";
import { argyleDelivery, FLOOR_PATH, octokitPing, type SignedBody } from "./floor-bodies.js";
import { type FloorServer, type FloorVariant, pinToCpu, startFloorServer } from "./floor-servers.js";
import { writeResultsFile } from "./write-results.js";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const QUICK = args.includes("--quick");
const TOGETHER = !args.includes("--sequential");
const SECONDS = Number(option("seconds") ?? (QUICK ? 0.4 : 2));
const ROUNDS = Number(option("rounds") ?? (QUICK ? 1 : 5));
const WARM_SECONDS = QUICK ? 0.2 : 1;
const IMPORTS = Number(option("imports") ?? (QUICK ? 3 : 15));
const CONNECTIONS = 10;
const SIZES = [600, 100 * 1024];
const started = performance.now();

const CLIENT_CPU = 0;
const SERVER_CPU = cpus().length > 1 ? 1 : 0;
const pinned = pinToCpu(process.pid, CLIENT_CPU);

// The floor runs every adapter of the one registry, in its order (Express 4 before 5, Koa 2 before 3, as before).
const ORDER = ["express4", "express5", "koa2", "koa3", "node", "fetch"];
const ALL_ADAPTERS: [id: string, label: string][] = REGISTRY.map((a): [string, string] => [
  a.floor.id,
  a.floor.label,
]).sort(([a], [b]) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
const only = option("adapters")?.split(",");
const ADAPTERS = ALL_ADAPTERS.filter(([id]) => !only || only.includes(id));
const VARIANTS: FloorVariant[] = ["bare", "floor", "floor-validated", "ours-sync", "ours-async"];
const ID_COUNT = (
  JSON.parse(argyleDelivery(100 * 1024).raw.toString()) as { data: { updated_gigs: string[] } }
).data.updated_gigs.length;
const bodies = new Map<string, SignedBody>(
  SIZES.flatMap((size) => [
    [`argyle:${size}`, argyleDelivery(size)],
    [`octokit:${size}`, octokitPing(size)],
  ]),
);

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const spread = (xs: readonly number[], digits: number, unit = "") =>
  xs.length > 1
    ? `${median(xs).toFixed(digits)}${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`
    : `${median(xs).toFixed(digits)}${unit}`;
const sizeLabel = (bytes: number) => (bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`);

interface Sample {
  rps: number;
  cpuUsPerRequest: number;
}

/** Loads one server for `seconds`; returns its 2xx rate and CPU per 2xx answer over that window. */
async function load(
  server: FloorServer,
  body: SignedBody,
  seconds: number,
  measure: boolean,
): Promise<Sample> {
  const before = measure ? await server.mark() : undefined;
  const t = performance.now();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${FLOOR_PATH}`,
    method: "POST",
    headers: body.headers,
    body: body.raw,
    connections: CONNECTIONS,
    duration: seconds,
  });
  const elapsed = (performance.now() - t) / 1000;
  const after = measure ? await server.mark() : undefined;
  const name = `${server.adapter} ${server.variant}`;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  const ok = result["2xx"];
  if (ok === 0) throw new Error(`${name}: no request answered`);
  if (before && after && server.variant !== "bare" && after.handled - before.handled < ok)
    throw new Error(`${name}: ${ok} answered 2xx but ${after.handled - before.handled} reached the handler`);
  return {
    rps: ok / elapsed,
    cpuUsPerRequest: before && after ? (after.cpuUs - before.cpuUs) / ok : 0,
  };
}

/** One round over every server of an adapter: all under load together, or one after the other. */
async function round(servers: FloorServer[], size: number, seconds: number, index: number, measure = true) {
  const bodyOf = (s: FloorServer) =>
    bodies.get(`${s.variant === "octokit" ? "octokit" : "argyle"}:${size}`) as SignedBody;
  if (TOGETHER) return Promise.all(servers.map((s) => load(s, bodyOf(s), seconds, measure)));
  const samples: Sample[] = new Array(servers.length);
  for (let k = 0; k < servers.length; k++) {
    const i = (k + index) % servers.length;
    const server = servers[i] as FloorServer;
    samples[i] = await load(server, bodyOf(server), seconds, measure);
  }
  return samples;
}

type Samples = Map<FloorVariant, Sample[]>;
const results = new Map<string, Samples>(); // `${adapter}:${size}`

for (const [adapter, label] of ADAPTERS) {
  const variants: FloorVariant[] = adapter === "node" ? [...VARIANTS, "octokit"] : VARIANTS;
  const servers = await Promise.all(variants.map((v) => startFloorServer(adapter, v, SERVER_CPU)));
  try {
    for (const size of SIZES) {
      await round(servers, size, WARM_SECONDS, 0, false);
      const samples: Samples = new Map(variants.map((v) => [v, []]));
      for (let r = 0; r < ROUNDS; r++) {
        const got = await round(servers, size, SECONDS, r);
        got.forEach((sample, i) => {
          samples.get(variants[i] as FloorVariant)?.push(sample);
        });
        console.log(
          `${label} ${sizeLabel(size)} round ${r + 1}: ${variants
            .map((v, i) => `${v} ${got[i]?.rps.toFixed(0)} req/s ${got[i]?.cpuUsPerRequest.toFixed(0)} µs`)
            .join(" | ")}`,
        );
      }
      results.set(`${adapter}:${size}`, samples);
    }
  } finally {
    for (const s of servers) s.stop();
  }
}

/** Per-round ratios of `a` to `b` for one measure (rounds ran together or back to back, so they pair up). */
function ratios(samples: Samples, a: FloorVariant, b: FloorVariant, measure: keyof Sample): number[] {
  const xs = samples.get(a) ?? [];
  const ys = samples.get(b) ?? [];
  return xs.map((x, i) => x[measure] / ((ys[i] as Sample)[measure] || Number.NaN));
}
const verdict = (value: number, goal: number, atMost: boolean) =>
  (atMost ? value <= goal : value >= goal) ? "hold" : "**miss**";
const goalCell = (xs: number[], goal: number, atMost: boolean) =>
  `${spread(xs, 2, "x")} ${verdict(median(xs), goal, atMost)}`;

const detail: string[] = [];
const summary: string[] = [];
for (const [adapter, label] of ADAPTERS) {
  for (const size of SIZES) {
    const samples = results.get(`${adapter}:${size}`) as Samples;
    for (const [variant, xs] of samples) {
      const vsFloor =
        variant === "floor" ? "1" : spread(ratios(samples, variant, "floor", "cpuUsPerRequest"), 2, "x");
      const rpsVsFloor = variant === "floor" ? "1" : spread(ratios(samples, variant, "floor", "rps"), 2, "x");
      detail.push(
        `| ${label} | ${sizeLabel(size)} | ${variant} | ${spread(
          xs.map((x) => x.rps),
          0,
        )} | ${spread(
          xs.map((x) => x.cpuUsPerRequest),
          0,
        )} | ${vsFloor} | ${rpsVsFloor} |`,
      );
    }
    summary.push(
      `| ${label}, ${sizeLabel(size)}: ours' CPU µs per request vs the floor's | ≤ 1.05x | ${goalCell(
        ratios(samples, "ours-sync", "floor", "cpuUsPerRequest"),
        1.05,
        true,
      )} | ${goalCell(ratios(samples, "ours-async", "floor", "cpuUsPerRequest"), 1.05, true)} | ${spread(
        ratios(samples, "ours-sync", "floor-validated", "cpuUsPerRequest"),
        2,
        "x",
      )} |`,
    );
  }
}
for (const size of results.has(`node:${SIZES[0]}`) ? SIZES : []) {
  const samples = results.get(`node:${size}`) as Samples;
  summary.push(
    `| node:http, ${sizeLabel(size)}: ours' req/s vs \`@octokit/webhooks\` | ≥ 1.25x | ${goalCell(
      ratios(samples, "ours-sync", "octokit", "rps"),
      1.25,
      false,
    )} | ${goalCell(ratios(samples, "ours-async", "octokit", "rps"), 1.25, false)} | |`,
  );
}

// 2. receive() in-process, in a fresh process on the servers' CPU.
const node = (nodeArgs: string[]) =>
  pinned
    ? ["taskset", ["-c", String(SERVER_CPU), process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
function receiveChild(flags: string[], mode: string[]) {
  const [bin, childArgs] = node([
    ...flags,
    "--import",
    "tsx",
    resolve(import.meta.dirname, "floor-receive.ts"),
    ...mode,
    ...(QUICK ? ["--quick"] : []),
  ]) as [string, string[]];
  const out = execFileSync(bin, childArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as unknown;
}
const received = {
  ...(receiveChild([], []) as {
    timing: { bytes: number; iterations: number; usPerCall: Record<string, number[]> }[];
  }),
  ...(receiveChild(
    ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64"],
    ["--allocation"],
  ) as {
    allocation600: Record<string, number>;
  }),
};
const receiveRows: string[] = [];
for (const { bytes, iterations, usPerCall } of received.timing) {
  const per = (name: string) => usPerCall[name] ?? [];
  const ratio = (a: string, b: string) => per(a).map((x, i) => x / (per(b)[i] ?? Number.NaN));
  receiveRows.push(
    `| ${sizeLabel(bytes)} (${iterations} calls a slice) | ${spread(per("floor-sync"), 2)} | ${spread(per("receive-sync"), 2)} | ${spread(per("floor-async"), 2)} | ${spread(per("receive-async"), 2)} |`,
  );
  summary.push(
    `| receive() vs its in-process floor, ${sizeLabel(bytes)} | ≤ 1.15x | ${goalCell(
      ratio("receive-sync", "floor-sync"),
      1.15,
      true,
    )} | ${goalCell(ratio("receive-async", "floor-async"), 1.15, true)} | |`,
  );
}
const kb = (name: string) => {
  const bytes = received.allocation600[name];
  return bytes === undefined ? "not measured (a collection ran)" : `${(bytes / 1024).toFixed(2)} KB`;
};

// 3. Import time, fresh processes, interleaved.
const IMPORT_SPECS = ["@argyle-webhooks/core", "@octokit/webhooks"] as const;
interface ImportSamples {
  importCpuMs: number[];
  importMs: number[];
  startMs: number[];
  wallMs: number[];
}
const imports = new Map<string, ImportSamples>(
  IMPORT_SPECS.map((s) => [s, { importCpuMs: [], importMs: [], startMs: [], wallMs: [] }]),
);
const root = resolve(import.meta.dirname, "..");
for (let i = 0; i < IMPORTS; i++) {
  for (const spec of i % 2 ? [...IMPORT_SPECS].reverse() : IMPORT_SPECS) {
    const code = `const c0 = process.cpuUsage(); const t0 = performance.now(); await import(${JSON.stringify(spec)}); const t1 = performance.now(); const c = process.cpuUsage(c0); console.log(JSON.stringify({ importCpuMs: (c.user + c.system) / 1000, importMs: t1 - t0, startMs: t1 }));`;
    const [bin, nodeArgs] = node(["--input-type=module", "-e", code]) as [string, string[]];
    const t = performance.now();
    const out = execFileSync(bin, nodeArgs, { cwd: root, encoding: "utf8" });
    const wallMs = performance.now() - t;
    const { importCpuMs, importMs, startMs } = JSON.parse(out) as Omit<
      Record<keyof ImportSamples, number>,
      "wallMs"
    >;
    const entry = imports.get(spec);
    entry?.importCpuMs.push(importCpuMs);
    entry?.importMs.push(importMs);
    entry?.startMs.push(startMs);
    entry?.wallMs.push(wallMs);
  }
}
const ours = imports.get(IMPORT_SPECS[0]) as ImportSamples;
const theirs = imports.get(IMPORT_SPECS[1]) as typeof ours;
const importRatio = (k: keyof typeof ours) => ours[k].map((x, i) => x / (theirs[k][i] ?? Number.NaN));
summary.push(
  `| \`import "@argyle-webhooks/core"\` vs \`import "@octokit/webhooks"\`, in-process CPU time | ≤ 1.0x | ${goalCell(importRatio("importCpuMs"), 1.0, true)} | | |`,
);
const importLabels: Record<keyof ImportSamples, string> = {
  importCpuMs: "the dynamic import, in-process CPU time (process.cpuUsage)",
  importMs: "the dynamic import, in-process wall time (performance.now)",
  startMs: "process start to after the import, in-process",
  wallMs: "child process wall time (spawn to exit)",
};
const importRows = (["importCpuMs", "importMs", "startMs", "wallMs"] as const).map(
  (k) =>
    `| ${importLabels[k]} | ${spread(ours[k], 1, " ms")} | ${spread(theirs[k], 1, " ms")} | ${spread(importRatio(k), 2, "x")} |`,
);

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
const command = `npx tsx bench/floor.ts${args.length ? ` ${args.join(" ")}` : ""}`;
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), node ${process.version}`;
const report = `## Against the floor

Command: \`${command}\` (${minutes} min) on ${machine}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.
Servers: each variant in its own process, ${
  TOGETHER
    ? "**all variants of an adapter under load at the same time** (one autocannon instance each, in parallel)"
    : "**one after the other**, in an order rotating each round"
}, ${CONNECTIONS} connections each, ${ROUNDS} round(s) of ${SECONDS} s after a ${WARM_SECONDS} s warm-up; ${
  pinned
    ? `client on CPU ${CLIENT_CPU}, servers on CPU ${SERVER_CPU} (taskset)`
    : "not pinned (no taskset or one CPU)"
}. Ratios are taken per round, then the median (min–max over rounds).
"floor" = the framework route reading the raw body by hand + HMAC-SHA512 (createHmac) + timingSafeEqual +
JSON.parse, answering 200; "floor-validated" = the floor + the generated validator (ours validates, the floor does
not: at 100 KB the body carries ${ID_COUNT} ids, each checked against the UUID pattern); "bare" = the same route
without HMAC or parse; "ours" = our adapter with default
options and a sync or an async handler; octokit = \`@octokit/webhooks\` createNodeMiddleware (HMAC-SHA256) on
node:http with a \`ping\` of the same size. Fetch on Node goes through the same minimal node→\`Request\` bridge for
every variant. Signed pretty-printed \`gigs.updated\` deliveries of 600 B and 100 KB.

| goal | target | sync handler | async handler | sync, against the floor + validator (reported) |
| --- | --- | --- | --- | --- |
${summary.join("\n")}

### Servers: requests/s and server CPU per request

| adapter | body | variant | req/s | CPU µs/request | CPU vs floor | req/s vs floor |
| --- | --- | --- | --- | --- | --- | --- |
${detail.join("\n")}

### receive() in-process, CPU µs per delivery

A fresh process (\`bench/floor-receive.ts\`), ${QUICK ? 2 : 7} rounds of interleaved ~4 ms slices, each timed in the
process's CPU time (median slice per round; min–max over rounds). Floor = createHmac SHA-512 +
timingSafeEqual + JSON.parse + the generated validator + the handler, called directly (the async floor awaits an
async handler). Heap allocated per 600 B delivery (a second process with \`--expose-gc\` and 64 MB semi-spaces,
checked that no collection ran during the measured calls):
receive() ${kb("receive-sync")} with a sync handler, ${kb("receive-async")} with an async one; the bare work
${kb("floor-sync")} (sync), ${kb("floor-async")} (async).

| body | floor, sync | receive(), sync | floor, async | receive(), async |
| --- | --- | --- | --- | --- |
${receiveRows.join("\n")}

### Import time, fresh node processes

${IMPORTS} of each, interleaved; medians (min–max); ratio per pair.

| measure | \`@argyle-webhooks/core\` | \`@octokit/webhooks\` | ratio |
| --- | --- | --- | --- |
${importRows.join("\n")}
`;
console.log(`\n${report}`);
console.log(`wrote ${writeResultsFile("floor", report)}`);
