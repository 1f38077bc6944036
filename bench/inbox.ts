/**
 * Inbox benchmark: Express 5 with `inbox` (PGlite embedded; PostgreSQL when ARGYLE_INBOX_POSTGRES_URL is set, as
 * `npm run bench:inbox` does) against Express 5 running the handler in-process, in one run: requests/s and ack
 * latency under autocannon with distinct signed deliveries (every one is stored: no duplicates), then how long
 * `createInbox()` takes to be ready on a fresh and on an existing directory.
 * Run: npx tsx bench/inbox.ts [seconds-per-run] [rounds]
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { signArgylePayload } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import { createInbox } from "@argyle-webhooks/inbox";
import autocannon from "autocannon";
import { writeResultsFile } from "./write-results.js";

const SECRET = "bench-secret";
/** `--name=value` (bench/inbox-all.ts passes `--via`, `--skip-postgres`, `--skip-redis`). */
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
// Positional arguments only (`--write-results` goes to writeResultsFile).
const [secondsArg, roundsArg] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const SECONDS = Number(secondsArg ?? 5);
const ROUNDS = Number(roundsArg ?? 3);
const CONNECTIONS = 20;
const postgres = process.env.ARGYLE_INBOX_POSTGRES_URL;

let sequence = 0;
const base = structuredClone(argyleWebhookExamples["gigs.updated"]) as unknown as {
  data: Record<string, unknown>;
};
/** A distinct, signed, pretty-printed delivery (about 600 bytes) per request. */
function nextDelivery() {
  base.data.updated_count = sequence++;
  base.data.account = `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, "0")}`;
  const body = JSON.stringify(base, null, 2);
  return {
    body,
    headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, SECRET) },
  };
}

async function start(scenario: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(resolve(import.meta.dirname, "inbox-servers.ts"), [scenario, postgres ?? ""], {
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

async function run(scenario: string) {
  const { child, port } = await start(scenario);
  const options = {
    url: `http://127.0.0.1:${port}/webhooks/argyle`,
    method: "POST" as const,
    connections: CONNECTIONS,
    requests: [
      {
        setupRequest: (request: { method?: string }) => ({ ...request, ...nextDelivery(), method: "POST" }),
      },
    ],
  };
  await autocannon({ ...options, duration: 1 });
  const result = await autocannon({ ...options, duration: SECONDS });
  child.kill("SIGTERM");
  await new Promise((ok) => child.once("exit", ok));
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${scenario}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const inboxes = postgres
  ? ["inbox-pglite", "inbox-postgres", "inbox-postgres-ack-only", "inbox-postgres-send"]
  : ["inbox-pglite"];
// With REDIS_URL (e.g. `bash scripts/redis-test.sh npx tsx bench/inbox.ts`): the inbox on BullMQ too.
if (process.env.REDIS_URL) inboxes.push("inbox-bullmq");
type Run = { rps: number; p50: number; p99: number };
const results = new Map<string, Run[]>();
// Each inbox run is paired with an in-process run just before it: on a shared machine the load moves within
// a minute, so a ratio means something only between runs a few seconds apart.
const baselines = new Map<string, Run[]>();
const log = (round: number, scenario: string, r: Run) =>
  console.log(`round ${round + 1} ${scenario}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
for (let round = 0; round < ROUNDS; round++) {
  for (const scenario of inboxes) {
    const before = await run("in-process");
    log(round, "in-process", before);
    baselines.set(scenario, [...(baselines.get(scenario) ?? []), before]);
    const r = await run(scenario);
    log(round, scenario, r);
    results.set(scenario, [...(results.get(scenario) ?? []), r]);
  }
}
// Set by bench/inbox-all.ts when a server wrapper could not start its server.
const skipped = [
  ...(postgres ? [] : [["inbox-postgres", flag("skip-postgres")]]),
  ...(process.env.REDIS_URL ? [] : [["inbox-bullmq", flag("skip-redis")]]),
].map(
  ([scenario, why]) =>
    `| ${scenario} | skipped: ${why ?? "server not started (run bench/inbox-all.ts)"} | | | |`,
);
const rows = inboxes.map((scenario) => {
  const runs = results.get(scenario) ?? [];
  const baseline = baselines.get(scenario) ?? [];
  const ratios = runs.map((r, i) => r.rps / (baseline[i]?.rps ?? 1));
  const goal = scenario === "inbox-postgres" ? " (goal ≥ 0.5x)" : "";
  return `| ${scenario} | ${median(baseline.map((r) => r.rps)).toFixed(0)} req/s (p99 ${median(baseline.map((r) => r.p99))} ms) | ${median(runs.map((r) => r.rps)).toFixed(0)} req/s (p50 ${median(runs.map((r) => r.p50))} ms, p99 ${median(runs.map((r) => r.p99))} ms) | ${ratios.map((r) => r.toFixed(2)).join(", ")} | **${median(ratios).toFixed(2)}x**${goal} |`;
});

// createInbox() ready time: a fresh directory (filled from the prepared data directory) and the same one reopened.
const fresh: number[] = [];
const reopen: number[] = [];
for (let i = 0; i < 3; i++) {
  const directory = mkdtempSync(join(tmpdir(), "argyle-bench-ready-"));
  let t = performance.now();
  await (await createInbox({ directory })).close();
  fresh.push(performance.now() - t);
  t = performance.now();
  await (await createInbox({ directory })).close();
  reopen.push(performance.now() - t);
  rmSync(directory, { recursive: true, force: true });
}

const report = `### Inbox: Express 5 with \`inbox\` vs the handler in-process

Command: \`${flag("via") ?? (postgres ? "npm run bench:inbox --" : "npx tsx bench/inbox.ts")} ${SECONDS} ${ROUNDS}\` — ${CONNECTIONS} connections, ${SECONDS} s per run after a 1 s warm-up,
${ROUNDS} rounds, every request a distinct signed 600-byte delivery; each server in its own process with one worker
(concurrency 8) in the same process (none in \`-ack-only\`, which measures the acknowledgement alone; \`-send\` acknowledges
with one pg-boss \`send()\` per delivery, as before batching); each inbox run right after an in-process run, ratio of each such pair, median; ${cpus().length} cores, node ${process.version}. PostgreSQL is the throwaway cluster of \`scripts/postgres-test.sh\` (fsync off), Redis that of \`scripts/redis-test.sh\` (no persistence), both on this machine.

| inbox | in-process (median of its pairs) | with inbox (median) | ratio per pair | median ratio |
| --- | --- | --- | --- | --- |
${[...rows, ...skipped].join("\n")}

\`createInbox()\` ready (embedded, median of 3): fresh directory **${median(fresh).toFixed(0)} ms** (goal ≤ 5000 ms), existing directory **${median(reopen).toFixed(0)} ms**.
`;
console.log(`\n${report}`);
writeResultsFile("inbox", report);
