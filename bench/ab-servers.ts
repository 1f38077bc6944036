/**
 * A/B of the floor benchmark's servers: another build (A, `--base DIR`, a copy of the repository, built) against
 * this worktree's (B), with every server of both builds under load at the same time, so a busy machine slows them
 * alike. Per adapter, the variants floor, floor-validated and ours-sync of bench/floor-server.mjs, each in its own
 * process, all on one CPU (client on the other, when there are two); one autocannon instance each, in parallel.
 * Reported: server CPU µs per 2xx answer, B/A per round, and each build's ours-sync / floor ratio.
 *
 * Run: npx tsx bench/ab-servers.ts --base /tmp/perf19-base [--adapters node,koa3] [--rounds 5] [--seconds 2]
 * Results: `.tmp/results/ab-servers.md`.
 */
import { cpus } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { argyleDelivery, FLOOR_PATH, type SignedBody } from "./floor-bodies.js";
import type { FloorServer, FloorVariant } from "./floor-servers.js";
import * as ours from "./floor-servers.js";
import { writeResultsFile } from "./write-results.js";

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    adapters: { type: "string", default: "node,koa3" },
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "2" },
  },
});
if (!values.base)
  throw new Error("--base DIR: a copy of the repository at the commit to compare with, built");
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const SIZES = [600, 100 * 1024];
const VARIANTS: FloorVariant[] = ["floor", "floor-validated", "ours-sync"];
const SERVER_CPU = cpus().length > 1 ? 1 : 0;
ours.pinToCpu(process.pid, 0);
const base = (await import(
  pathToFileURL(resolve(values.base, "bench/floor-servers.ts")).href
)) as typeof ours;
const builds = { A: base, B: ours } as const;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const spread = (xs: readonly number[], d: number) =>
  `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;

/** CPU µs per 2xx answer of one server under load for SECONDS. */
async function load(server: FloorServer, body: SignedBody, seconds: number): Promise<number> {
  const before = await server.mark();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${FLOOR_PATH}`,
    method: "POST",
    headers: body.headers,
    body: body.raw,
    connections: 10,
    duration: seconds,
  });
  const after = await server.mark();
  if (result.non2xx > 0 || result.errors > 0 || result["2xx"] === 0)
    throw new Error(`${server.variant}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return (after.cpuUs - before.cpuUs) / result["2xx"];
}

const lines: string[] = [];
for (const adapter of values.adapters.split(",")) {
  const keys = VARIANTS.flatMap((variant) => (["A", "B"] as const).map((build) => ({ build, variant })));
  const servers = await Promise.all(
    keys.map(({ build, variant }) => builds[build].startFloorServer(adapter, variant, SERVER_CPU)),
  );
  try {
    for (const size of SIZES) {
      const body = argyleDelivery(size);
      await Promise.all(servers.map((s) => load(s, body, 1)));
      const cpu = keys.map(() => [] as number[]);
      for (let r = 0; r < ROUNDS; r++) {
        // Start the load on each server in an order that rotates every round, so no build is always first.
        const order = servers.map((_, i) => (i + r) % servers.length);
        const got = await Promise.all(order.map((i) => load(servers[i] as FloorServer, body, SECONDS)));
        got.forEach((x, k) => {
          cpu[order[k] as number]?.push(x);
        });
      }
      const at = (build: "A" | "B", variant: FloorVariant) =>
        cpu[keys.findIndex((k) => k.build === build && k.variant === variant)] as number[];
      const perRound = (xs: number[], ys: number[]) => xs.map((x, i) => x / (ys[i] as number));
      lines.push(`\n#### ${adapter}, ${size >= 1024 ? `${size / 1024} KB` : `${size} B`}\n`);
      lines.push("| variant | A CPU µs/req | B CPU µs/req | B/A per round |\n| --- | --- | --- | --- |");
      for (const v of VARIANTS)
        lines.push(
          `| ${v} | ${spread(at("A", v), 0)} | ${spread(at("B", v), 0)} | ${spread(perRound(at("B", v), at("A", v)), 3)} |`,
        );
      for (const v of ["floor-validated", "ours-sync"] as const)
        lines.push(
          `| ${v} / floor | ${spread(perRound(at("A", v), at("A", "floor")), 2)} | ${spread(perRound(at("B", v), at("B", "floor")), 2)} | |`,
        );
    }
  } finally {
    for (const s of servers) s.stop();
  }
}

const report = `### Floor servers: A (${values.base}) vs B (this worktree), all under load together

Command: \`npx tsx bench/ab-servers.ts --base ${values.base} --adapters ${values.adapters} --rounds ${ROUNDS} --seconds ${SECONDS}\`, node ${process.version}
(median (min–max) over rounds; servers on CPU ${SERVER_CPU})
${lines.join("\n")}
`;
console.log(report);
writeResultsFile("ab-servers", report);
