/**
 * `receive()` against its in-process floor, run by `bench/floor.ts` in a fresh child process:
 * `node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --import tsx bench/floor-receive.ts [--quick]`.
 * Prints one JSON line. The floor is the work receive() cannot avoid, called directly: HMAC-SHA512 of the raw
 * bytes (createHmac), timingSafeEqual, JSON.parse, the generated validator, then the handler (a sync call, or an
 * awaited async function for the async case). Rounds interleave floor and receive() for both handler kinds.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { PerformanceObserver } from "node:perf_hooks";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { validators } from "@argyle-webhooks/core/validators";
import { argyleDelivery, FLOOR_SECRET } from "./floor-bodies.js";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 2 : 7;
const RUN_MS = quick ? 40 : 200;
const validate = validators["gigs.updated"];

let handled = 0;
const syncHandler = (_message: unknown) => {
  handled++;
};
const asyncHandler = async (_message: unknown) => {
  handled++;
};

function floorSync(raw: Buffer, signature: string): boolean {
  const expected = createHmac("sha512", FLOOR_SECRET).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return false;
  const message: unknown = JSON.parse(raw.toString("utf8"));
  if (!validate(message)) return false;
  syncHandler(message);
  return true;
}

async function floorAsync(raw: Buffer, signature: string): Promise<boolean> {
  const expected = createHmac("sha512", FLOOR_SECRET).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return false;
  const message: unknown = JSON.parse(raw.toString("utf8"));
  if (!validate(message)) return false;
  await asyncHandler(message);
  return true;
}

type Case = "floor-sync" | "receive-sync" | "floor-async" | "receive-async";
const CASES: Case[] = ["floor-sync", "receive-sync", "floor-async", "receive-async"];

function runner(size: number): (name: Case, iterations: number) => Promise<void> {
  const { raw, headers } = argyleDelivery(size);
  const signature = headers["x-argyle-signature"] as string;
  const syncOurs = new ArgyleWebhooks({ secret: FLOOR_SECRET, handlers: { onGigsUpdated: syncHandler } });
  const asyncOurs = new ArgyleWebhooks({ secret: FLOOR_SECRET, handlers: { onGigsUpdated: asyncHandler } });
  const input = { rawBody: raw, headers };
  return async (name, iterations) => {
    const before = handled;
    if (name === "floor-sync") {
      for (let i = 0; i < iterations; i++) if (!floorSync(raw, signature)) throw new Error("floor rejected");
    } else if (name === "floor-async") {
      for (let i = 0; i < iterations; i++)
        if (!(await floorAsync(raw, signature))) throw new Error("floor rejected");
    } else {
      const webhooks = name === "receive-sync" ? syncOurs : asyncOurs;
      for (let i = 0; i < iterations; i++) {
        const response = await webhooks.receive(input);
        if (response.status !== 200)
          throw new Error(`receive() answered ${response.status}: ${response.body}`);
      }
    }
    if (handled - before !== iterations) throw new Error(`${name}: not every delivery reached its handler`);
  };
}

async function timing(size: number) {
  const run = runner(size);
  // Calibrate: as many iterations as take about RUN_MS for the slowest case.
  let iterations = 20;
  for (const name of CASES) await run(name, iterations);
  const t = performance.now();
  await run("receive-async", iterations);
  iterations = Math.max(10, Math.round((RUN_MS / Math.max(0.001, performance.now() - t)) * iterations));
  const us: Record<Case, number[]> = {
    "floor-sync": [],
    "receive-sync": [],
    "floor-async": [],
    "receive-async": [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...CASES.slice(round % CASES.length), ...CASES.slice(0, round % CASES.length)];
    for (const name of order) {
      const start = process.hrtime.bigint();
      await run(name, iterations);
      us[name].push(Number(process.hrtime.bigint() - start) / iterations / 1000);
    }
  }
  return { bytes: argyleDelivery(size).raw.length, iterations, usPerCall: us };
}

/** Heap bytes per call: no collection may run while measuring (a large young generation, checked). */
async function allocation(size: number) {
  const run = runner(size);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  observer.observe({ entryTypes: ["gc"] });
  const result: Partial<Record<Case, number>> = {};
  for (const name of CASES) {
    let iterations = quick ? 200 : 2000;
    await run(name, iterations); // warm-up
    for (let attempt = 0; attempt < 6; attempt++) {
      gc();
      gc();
      await new Promise((r) => setTimeout(r, 5)); // gc entries arrive on a timer tick
      const seen = collections;
      const before = process.memoryUsage().heapUsed;
      await run(name, iterations);
      const after = process.memoryUsage().heapUsed;
      await new Promise((r) => setTimeout(r, 5)); // gc entries arrive on a timer tick
      if (collections === seen && after > before) {
        result[name] = (after - before) / iterations;
        break;
      }
      iterations = Math.max(20, Math.floor(iterations / 2));
    }
  }
  observer.disconnect();
  return result;
}

const output = {
  timing: [await timing(600), await timing(100 * 1024)],
  allocation600: await allocation(600),
};
console.log(JSON.stringify(output));
