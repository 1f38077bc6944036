/**
 * Adapter benchmark: autocannon on 127.0.0.1 against each server in its own child process, with 600-byte signed,
 * pretty-printed deliveries. Pairs (bare vs ours) run back to back, alternating, several rounds; the ratio uses the
 * median requests/s of each. Run: npx tsx bench/adapters.ts [seconds-per-run]   (part of `npm run bench`)
 */
import { type ChildProcess, fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { signArgylePayload } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import autocannon from "autocannon";
import { writeResultsFile } from "./write-results.js";

const SECRET = "bench-secret";
const PATH = "/webhooks/argyle";
const SECONDS = Number(process.argv[2] ?? 8);
const ROUNDS = Number(process.argv[3] ?? 5);
const CONNECTIONS = 50;

function argyleBody(): string {
  const base = structuredClone(argyleWebhookExamples["gigs.updated"]);
  let body = JSON.stringify(base, null, 2);
  body = JSON.stringify(
    { ...base, name: `${base.name}${"-".repeat(Math.max(0, 600 - Buffer.byteLength(body)))}` },
    null,
    2,
  );
  return body;
}

const body = argyleBody();
const argyleHeaders = {
  "content-type": "application/json",
  "x-argyle-signature": signArgylePayload(body, SECRET),
};
const pingBody = JSON.stringify({ zen: "Keep it logically awesome.".padEnd(540, "."), hook_id: 1 }, null, 2);
const octokitHeaders = {
  "content-type": "application/json",
  "x-github-event": "ping",
  "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
  "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(pingBody).digest("hex")}`,
};

async function startServer(scenario: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(resolve(import.meta.dirname, "servers.ts"), [scenario], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const port = await new Promise<number>((ok, fail) => {
    child.stdout?.on("data", (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString());
      if (m) ok(Number(m[1]));
    });
    child.once("exit", (code) => fail(new Error(`${scenario} exited ${code}`)));
  });
  return { child, port };
}

async function handledBy(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once("message", (m) => ok((m as { handled: number }).handled));
    child.send("count");
  });
}

async function run(scenario: string) {
  const { child, port } = await startServer(scenario);
  const octokit = scenario === "node-octokit";
  const options = {
    url: `http://127.0.0.1:${port}${PATH}`,
    method: "POST" as const,
    headers: octokit ? octokitHeaders : argyleHeaders,
    body: octokit ? pingBody : body,
    connections: CONNECTIONS,
  };
  await autocannon({ ...options, duration: 1 }); // warm-up
  const result = await autocannon({ ...options, duration: SECONDS });
  const handled = await handledBy(child);
  child.kill("SIGTERM");
  const ok = result["2xx"];
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${scenario}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  if (handled < ok) throw new Error(`${scenario}: ${ok} answered 2xx but only ${handled} handled`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const pairs = [
  ["express", "express-bare", "express-ours", 0.95],
  ["koa", "koa-bare", "koa-ours", 0.8],
  ["node:http", "node-bare", "node-ours", 0.7],
  ["node:http vs octokit", "node-octokit", "node-ours", 1.1],
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rows: string[] = [];
const cache = new Map<string, { rps: number; p50: number; p99: number }[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, base, ours] of pairs) {
    for (const scenario of round % 2 ? [ours, base] : [base, ours]) {
      const r = await run(scenario);
      const key = `${label}:${scenario}`;
      cache.set(key, [...(cache.get(key) ?? []), r]);
      console.log(
        `round ${round + 1} ${label} ${scenario}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`,
      );
    }
  }
}
for (const [label, base, ours, goal] of pairs) {
  const b = cache.get(`${label}:${base}`) ?? [];
  const o = cache.get(`${label}:${ours}`) ?? [];
  // The ratio of each round's back-to-back runs, then the median: slow drifts of a shared machine cancel out.
  const ratios = b.map((x, i) => (o[i]?.rps ?? 0) / x.rps);
  const ratio = median(ratios);
  rows.push(
    `| ${label} | ${base}: ${median(b.map((x) => x.rps)).toFixed(0)} req/s (p99 ${median(b.map((x) => x.p99))} ms) | ${ours}: ${median(o.map((x) => x.rps)).toFixed(0)} req/s (p99 ${median(o.map((x) => x.p99))} ms) | ${ratios.map((r) => r.toFixed(2)).join(", ")} | **${ratio.toFixed(2)}x** | ≥ ${goal}x ${ratio >= goal ? "met" : "NOT met"} |`,
  );
}
const report = `### Adapters: requests/s under autocannon (600-byte signed pretty-printed deliveries)

Command: \`npx tsx bench/adapters.ts ${SECONDS} ${ROUNDS}\` — ${CONNECTIONS} connections, ${SECONDS} s per run after a 1 s warm-up,
${ROUNDS} rounds (pair order alternating), ratio of each round's back-to-back runs, median; each server in its own process, autocannon in another, on ${cpus().length} cores
(${cpus()[0]?.model ?? "unknown CPU"}), node ${process.version}. "bare" = the same framework with the raw body read
and HMAC-SHA512-verified, parsed and dispatched by hand; octokit = \`@octokit/webhooks\` createNodeMiddleware
(HMAC-SHA256) on node:http.

| pair | baseline (median) | ours (median) | ratio per round | median ratio | goal |
| --- | --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
console.log(`\n${report}`);
writeResultsFile("adapters", report);
