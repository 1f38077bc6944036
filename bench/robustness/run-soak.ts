import { createHmac } from "node:crypto";
import { ArgyleWebhooks, silentLogger } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import autocannon from "autocannon";
import { type AdapterName, startAdapterServer, WEBHOOK_PATH } from "./adapter-servers.js";

/** Options of a soak run. */
export interface SoakOptions {
  /** Deliveries through `receive()` and again through the adapter. */
  deliveries: number;
  adapter: AdapterName;
  /** Allowed heap growth after GC, in bytes (5 MB by default). */
  maxHeapGrowth?: number;
  /** Deliveries sent first, before anything is measured (JIT, caches): 10,000 by default. */
  warmUp?: number;
  /** Full garbage collections in a row each time the heap is measured (twice per measurement): 4 by default. */
  gcPasses?: number;
}

/** One soak phase: deliveries, dispatches and what was left behind. */
export interface SoakPhase {
  target: string;
  deliveries: number;
  handlerCalls: number;
  statuses: Record<string, number>;
  heapBefore: number;
  heapAfter: number;
  heapGrowth: number;
  /** Active handles and requests by type, before and after (process.getActiveResourcesInfo()). */
  resourcesBefore: Record<string, number>;
  resourcesAfter: Record<string, number>;
  /** Open connections after the clients left, and the server's listener counts before/after. */
  openConnections?: number;
  listenersBefore?: Record<string, number>;
  listenersAfter?: Record<string, number>;
  seconds: number;
}

/** Both phases and every requirement that failed. */
export interface SoakReport {
  phases: SoakPhase[];
  warnings: string[];
  failures: string[];
}

const SECRET = "soak-secret";
const MB = 1024 * 1024;

function collect(passes: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc (npm run soak does)");
  for (let i = 0; i < passes; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function settledHeap(passes: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 50));
  collect(passes);
  await new Promise((r) => setImmediate(r));
  return collect(passes);
}

function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

function delivery(n: number) {
  const body = JSON.stringify({ ...argyleWebhookExamples["accounts.updated"], name: `soak-${n}` }, null, 2);
  return { body, signature: createHmac("sha512", SECRET).update(body).digest("hex") };
}

async function soakReceive(deliveries: number, warmUp: number, gcPasses: number): Promise<SoakPhase> {
  const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: silentLogger });
  let handlerCalls = 0;
  webhooks.onAny(() => {
    handlerCalls++;
  });
  const statuses: Record<string, number> = {};
  const run = async (from: number, count: number) => {
    const batch = 200;
    for (let start = from; start < from + count; start += batch) {
      const results = await Promise.all(
        Array.from({ length: Math.min(batch, from + count - start) }, (_, i) => {
          const { body, signature } = delivery(start + i);
          return webhooks.receive({
            rawBody: Buffer.from(body),
            headers: { "content-type": "application/json", "x-argyle-signature": signature },
            method: "POST",
          });
        }),
      );
      for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
  };
  await run(-warmUp, warmUp); // warm-up: JIT, caches
  handlerCalls = 0;
  for (const k of Object.keys(statuses)) delete statuses[k];
  const resourcesBefore = resources();
  const heapBefore = await settledHeap(gcPasses);
  const started = performance.now();
  await run(0, deliveries);
  const seconds = (performance.now() - started) / 1000;
  const heapAfter = await settledHeap(gcPasses);
  return {
    target: "receive()",
    deliveries,
    handlerCalls,
    statuses,
    heapBefore,
    heapAfter,
    heapGrowth: heapAfter - heapBefore,
    resourcesBefore,
    resourcesAfter: resources(),
    seconds,
  };
}

async function soakAdapter(
  adapter: AdapterName,
  deliveries: number,
  warmUp: number,
  gcPasses: number,
): Promise<SoakPhase> {
  const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: silentLogger });
  let handlerCalls = 0;
  webhooks.onAny(() => {
    handlerCalls++;
  });
  const running = await startAdapterServer(adapter, webhooks);
  const statuses: Record<string, number> = {};
  let n = 0;
  const run = (amount: number) =>
    autocannon({
      url: `http://127.0.0.1:${running.port}`,
      connections: 16,
      amount,
      timeout: 10,
      requests: [
        {
          method: "POST",
          path: WEBHOOK_PATH,
          setupRequest: (request) => {
            const { body, signature } = delivery(n++);
            return {
              ...request,
              body,
              headers: { "content-type": "application/json", "x-argyle-signature": signature },
            };
          },
          onResponse: (status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
          },
        },
      ],
    });
  const listeners = () => ({
    "server request": running.server.listenerCount("request"),
    "server connection": running.server.listenerCount("connection"),
    "process warning": process.listenerCount("warning"),
    "process exit": process.listenerCount("exit"),
  });
  await run(warmUp); // warm-up
  await waitForNoConnections(running.connections);
  handlerCalls = 0;
  for (const k of Object.keys(statuses)) delete statuses[k];
  const listenersBefore = listeners();
  const resourcesBefore = resources();
  const heapBefore = await settledHeap(gcPasses);
  const started = performance.now();
  const result = await run(deliveries);
  const seconds = (performance.now() - started) / 1000;
  const openConnections = await waitForNoConnections(running.connections);
  const heapAfter = await settledHeap(gcPasses);
  const phase: SoakPhase = {
    target: adapter,
    deliveries,
    handlerCalls,
    statuses: { ...statuses, ...(result.errors ? { errors: result.errors } : {}) },
    heapBefore,
    heapAfter,
    heapGrowth: heapAfter - heapBefore,
    resourcesBefore,
    resourcesAfter: resources(),
    openConnections,
    listenersBefore,
    listenersAfter: listeners(),
    seconds,
  };
  await running.close();
  return phase;
}

async function waitForNoConnections(connections: () => Promise<number>): Promise<number> {
  const deadline = Date.now() + 5_000;
  let open = await connections();
  while (open > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    open = await connections();
  }
  return open;
}

/**
 * Sends `deliveries` unique signed deliveries through `receive()`, then as many over HTTP through one adapter,
 * and checks what a long-running receiver must not do: grow its heap (after GC) by more than `maxHeapGrowth`,
 * keep sockets, timers or listeners, or lose a delivery. Needs `node --expose-gc`.
 *
 * @example
 * ```ts
 * const report = await runSoak({ deliveries: 200_000, adapter: "express 5" });
 * if (report.failures.length > 0) process.exitCode = 1;
 * ```
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const maxGrowth = options.maxHeapGrowth ?? 5 * MB;
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on("warning", onWarning);
  const phases: SoakPhase[] = [];
  try {
    const warmUp = options.warmUp ?? 10_000;
    const gcPasses = options.gcPasses ?? 4;
    phases.push(await soakReceive(options.deliveries, warmUp, gcPasses));
    phases.push(await soakAdapter(options.adapter, options.deliveries, warmUp, gcPasses));
  } finally {
    process.off("warning", onWarning);
  }
  const failures: string[] = [];
  for (const p of phases) {
    if (p.heapGrowth >= maxGrowth)
      failures.push(
        `${p.target}: heap grew ${(p.heapGrowth / MB).toFixed(2)} MB (limit ${maxGrowth / MB} MB)`,
      );
    if (p.handlerCalls !== p.deliveries)
      failures.push(`${p.target}: ${p.handlerCalls} handler calls for ${p.deliveries} deliveries`);
    if ((p.statuses["200"] ?? 0) !== p.deliveries)
      failures.push(`${p.target}: statuses ${JSON.stringify(p.statuses)}`);
    if (p.openConnections) failures.push(`${p.target}: ${p.openConnections} connections left open`);
    for (const [type, count] of Object.entries(p.resourcesAfter)) {
      if (count > (p.resourcesBefore[type] ?? 0))
        failures.push(`${p.target}: ${type} handles grew from ${p.resourcesBefore[type] ?? 0} to ${count}`);
    }
    for (const [name, count] of Object.entries(p.listenersAfter ?? {})) {
      if (count !== p.listenersBefore?.[name])
        failures.push(`${p.target}: ${name} listeners went from ${p.listenersBefore?.[name]} to ${count}`);
    }
  }
  for (const w of warnings) failures.push(`process warning: ${w}`);
  return { phases, warnings, failures };
}
