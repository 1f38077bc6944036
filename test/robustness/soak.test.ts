import { describe, expect, it } from "vitest";
import { runSoak } from "../../bench/robustness/run-soak.js";

// Short version of `npm run soak`: after 200 to warm up, 500 deliveries through receive() and 500 through Express 5 (vitest runs
// its workers with --expose-gc, see vitest.config.ts). Heap growth after GC stays under the 5 MB of the full run; each heap
// reading is one full GC, a turn of the event loop, and another (the full run does 4 in a row each time: a worker's
// heap holds every module the suite loaded, so each GC costs more here).
describe("no leak over many deliveries (short soak)", () => {
  it("express 5: every delivery dispatched once, no socket, handle or listener left behind, heap flat", async () => {
    const report = await runSoak({ deliveries: 500, warmUp: 200, adapter: "express 5", gcPasses: 1 });
    expect(report.failures).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.phases).toHaveLength(2);
    for (const phase of report.phases) {
      expect(phase.handlerCalls).toBe(500);
      expect(phase.heapGrowth).toBeLessThan(5 * 1024 * 1024);
    }
  }, 60_000);
});
