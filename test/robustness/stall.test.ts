import { describe, expect, it } from "vitest";
import { runStall } from "../../bench/robustness/run-stall.js";

// Short version of `npm run stall`: 200 stalled connections, read timeout 1 s (the full run's 2 s only makes the
// wait longer). The only time bound asserted is the contract itself: valid deliveries are answered before the
// read timeout elapses. The two adapters run at the same time (each its own server): the waiting overlaps.
describe.concurrent("slow and stalled clients (short run)", () => {
  for (const adapter of ["express 5", "koa 3"] as const) {
    it(`${adapter}: a trickling body gets 408 and loses its socket; 200 stalled bodies get 408 and do not hold up valid deliveries`, async () => {
      const report = await runStall({ adapters: [adapter], stalled: 200, readTimeoutMs: 1_000, valid: 10 });
      expect(report.failures).toEqual([]);
      const [result] = report.adapters;
      expect(result?.trickle).toMatchObject({ status: 408, serverClosed: true });
      expect(result?.stalledStatuses).toEqual({ "408": 200 });
      expect(result?.validStatuses).toEqual({ "200": 10 });
      expect(result?.openConnectionsAfter).toBe(0);
    });
  }
});
