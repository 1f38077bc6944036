/**
 * `receive()` against its in-process floor, run by `bench/floor.ts` in fresh child processes:
 * `node --import tsx bench/floor-receive.ts [--quick]` (timing) and
 * `node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --import tsx bench/floor-receive.ts --allocation`
 * (heap bytes per 600 B delivery). Each prints one JSON line. The floor is the work receive() cannot avoid, called directly: HMAC-SHA512 of the raw
 * bytes (createHmac), timingSafeEqual, JSON.parse, the generated validator, then the handler (a sync call, or an
 * awaited async function for the async case). Rounds interleave floor and receive() for both handler kinds, in
 * slices of about 4 ms, timed in CPU time of the process.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { PerformanceObserver } from "node:perf_hooks";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { validators } from "@argyle-webhooks/core/validators";
import { argyleDelivery, FLOOR_SECRET } from "./floor-bodies.js";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 2 : 7;
const SLICES = quick ? 5 : 25;
const SLICE_MS = 4;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
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

/**
 * Rounds of slices: each slice runs every case for a batch of about SLICE_MS, in an order that rotates, so the
 * cases share the machine's load. Each batch is timed in CPU time of this process (process.cpuUsage, user +
 * system), so time spent preempted by other processes does not count; a case's cost in a round is the median
 * of its slices, and ratios are taken per round.
 */
async function timing(size: number) {
  const run = runner(size);
  // Calibrate on the slowest case, in CPU time: a batch of about SLICE_MS.
  for (const name of CASES) await run(name, 20);
  const probe = size > 10_000 ? 10 : 200;
  const start = process.cpuUsage();
  await run("receive-async", probe);
  const used = process.cpuUsage(start);
  const iterations = Math.max(
    3,
    Math.round((SLICE_MS * 1000 * probe) / Math.max(1, used.user + used.system)),
  );
  const us: Record<Case, number[]> = {
    "floor-sync": [],
    "receive-sync": [],
    "floor-async": [],
    "receive-async": [],
  };
  for (let round = -1; round < ROUNDS; round++) {
    const slices: Record<Case, number[]> = {
      "floor-sync": [],
      "receive-sync": [],
      "floor-async": [],
      "receive-async": [],
    };
    for (let slice = 0; slice < SLICES; slice++) {
      const k = (round + slice) % CASES.length;
      for (const name of [...CASES.slice(k), ...CASES.slice(0, k)]) {
        const start = process.cpuUsage();
        await run(name, iterations);
        const used = process.cpuUsage(start);
        slices[name].push((used.user + used.system) / iterations);
      }
    }
    if (round >= 0) for (const name of CASES) us[name].push(median(slices[name])); // round -1 warms up
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

// Timing runs with the default heap settings; allocation needs a young generation large enough that no
// collection runs while measuring, so bench/floor.ts runs it in its own process with larger semi-spaces.
const output = process.argv.includes("--allocation")
  ? { allocation600: await allocation(600) }
  : { timing: [await timing(600), await timing(100 * 1024)] };
console.log(JSON.stringify(output));
