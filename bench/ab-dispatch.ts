/**
 * A/B of `receive()` per delivery: this worktree's built core against another build of it (an unmodified copy),
 * both loaded in one process and measured in interleaved rounds, with a sync handler and with an async one (real
 * handlers are async). Prints medians, min–max and the ratio B/A (below 1: B, this build, is faster).
 *
 * Run: npx tsx bench/ab-dispatch.ts --base /tmp/corestruct-base [--rounds 15] [--iterations 20000]
 * (build both first: `npm run build` here and in the copy). Results: `.tmp/results/ab-dispatch.md`.
 */
import { createHook } from "node:async_hooks";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeResultsFile } from "./write-results.js";

interface CoreModule {
  ArgyleWebhooks: new (
    options: Record<string, unknown>,
  ) => {
    on(event: string, handler: (...args: unknown[]) => unknown): unknown;
    receive(input: {
      rawBody: Uint8Array;
      headers: Record<string, string>;
    }): Promise<{ status: number; body: string }>;
  };
  signArgylePayload(body: Uint8Array, secret: string): string;
}

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    rounds: { type: "string", default: "15" },
    iterations: { type: "string", default: "20000" },
    "write-results": { type: "boolean", default: false },
  },
});
if (!values.base)
  throw new Error("--base DIR: a copy of the repository at the commit to compare with, built");
const ROUNDS = Number(values.rounds);
const ITERATIONS = Number(values.iterations);
const SECRET = "ab-secret";

const here = resolve(import.meta.dirname, "..");
const load = async (root: string) =>
  (await import(resolve(root, "packages/core/dist/index.js"))) as CoreModule;
const builds = { A: await load(values.base), B: await load(here) };

/** A ~600 B pretty-printed `gigs.partially_synced` delivery, signed. */
function delivery(core: CoreModule) {
  const message = {
    event: "gigs.partially_synced",
    name: "ab-subscription",
    data: {
      account: "0187c66e-e7e5-811c-b006-2232f00f426a",
      user: "018051aa-f7a9-a0db-2f38-6cfa325e9d69",
      available_from: "2023-01-02T00:00:00Z",
      available_to: "2023-03-03T00:00:00Z",
      available_count: 132,
      days_synced: 60,
    },
  };
  let text = JSON.stringify(message, null, 2);
  text = JSON.stringify({ ...message, name: `${message.name}${"-".repeat(600 - text.length)}` }, null, 2);
  const rawBody = new TextEncoder().encode(text);
  return {
    rawBody,
    headers: {
      "content-type": "application/json",
      "x-argyle-signature": core.signArgylePayload(rawBody, SECRET),
    },
  };
}

type Kind = "sync" | "async";

function receiver(core: CoreModule, kind: Kind, count: { n: number }) {
  const webhooks = new core.ArgyleWebhooks({ secret: SECRET, logger: false });
  webhooks.on(
    "gigs.partially_synced",
    kind === "sync"
      ? () => {
          count.n++;
        }
      : async () => {
          count.n++;
        },
  );
  return webhooks;
}

async function round(core: CoreModule, kind: Kind): Promise<number> {
  const count = { n: 0 };
  const webhooks = receiver(core, kind, count);
  const input = delivery(core);
  const t = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) {
    const response = await webhooks.receive(input);
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${response.body}`);
  }
  const ns = Number(process.hrtime.bigint() - t) / ITERATIONS;
  if (count.n !== ITERATIONS) throw new Error("not every delivery was handled");
  return ns;
}

/** Promises and timers created per delivery (async_hooks counts them; the same on a busy machine as on a quiet one). */
async function resources(core: CoreModule, kind: Kind): Promise<{ promises: number; timers: number }> {
  const webhooks = receiver(core, kind, { n: 0 });
  const input = delivery(core);
  await webhooks.receive(input);
  const counts = { promises: 0, timers: 0 };
  const hook = createHook({
    init(_id, type) {
      if (type === "PROMISE") counts.promises++;
      else if (type === "Timeout") counts.timers++;
    },
  });
  const n = 1000;
  hook.enable();
  for (let i = 0; i < n; i++) await webhooks.receive(input);
  hook.disable();
  // The loop's own `await` makes no promise of its own for an already-created one; subtract nothing.
  return { promises: counts.promises / n, timers: counts.timers / n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const lines: string[] = [];
for (const kind of ["sync", "async"] as const) {
  // Warm both up (validators loaded, code optimised) before measuring.
  await round(builds.A, kind);
  await round(builds.B, kind);
  const ns: Record<"A" | "B", number[]> = { A: [], B: [] };
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which build goes first, so drift on a busy machine hits both alike.
    const order = r % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const);
    const got: Partial<Record<"A" | "B", number>> = {};
    for (const build of order) got[build] = await round(builds[build], kind);
    ns.A.push(got.A as number);
    ns.B.push(got.B as number);
    ratios.push((got.B as number) / (got.A as number));
  }
  const made = { A: await resources(builds.A, kind), B: await resources(builds.B, kind) };
  const fmt = (xs: number[]) =>
    `${(median(xs) / 1000).toFixed(2)} µs (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;
  lines.push(
    `| ${kind} handler | ${fmt(ns.A)} | ${fmt(ns.B)} | ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}) | ${(Math.min(...ns.B) / Math.min(...ns.A)).toFixed(3)} | ${made.A.promises} / ${made.A.timers} | ${made.B.promises} / ${made.B.timers} |`,
  );
}

const report = `### receive() per 600 B delivery: A (${values.base}) vs B (this build)

Command: \`npx tsx bench/ab-dispatch.ts --base ${values.base} --rounds ${ROUNDS} --iterations ${ITERATIONS}\`
(one process, ${ROUNDS} interleaved rounds of ${ITERATIONS} sequential deliveries; median, min–max)

| handler | A per delivery | B per delivery | B/A per round | B/A of the fastest rounds | A promises / timers per delivery | B promises / timers |
| --- | --- | --- | --- | --- | --- | --- |
${lines.join("\n")}
`;
console.log(report);
writeResultsFile("ab-dispatch", report);
