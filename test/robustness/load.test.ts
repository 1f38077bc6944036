import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad } from "../../bench/robustness/run-load.js";
import { type LoadServer, startLoadServer } from "../../bench/robustness/start-load-server.js";

// Short version of `npm run load`: 1,000 deliveries at 50 connections per adapter (20 rounds of 50 in flight at
// once), 10 % of deliveries forged. One receiver process for the file, a server per adapter on its own port
// (`npm run load` starts a process per adapter).
const ADAPTERS = ["express 5", "koa 3"] as const;
let server: LoadServer | undefined;
beforeAll(async () => {
  server = await startLoadServer(ADAPTERS);
});
afterAll(() => server?.stop());

describe("under load (short autocannon run, server in its own process)", () => {
  for (const adapter of ADAPTERS) {
    it(`${adapter}: no errors or timeouts, each 2xx dispatched exactly once, every forged delivery 401`, async () => {
      const report = await runLoad({ adapter, durationSec: 0, amount: 1_000, connections: 50, server });
      expect(report.failures).toEqual([]);
      expect(report.errors).toBe(0);
      expect(report.timeouts).toBe(0);
      expect(report.handlerCalls).toBe(report.answered2xx);
      expect(report.answered2xx).toBeGreaterThan(0);
      expect(report.forged401).toBeGreaterThan(0);
      expect(Object.keys(report.statuses).sort()).toEqual(["200", "401"]);
    });
  }
});
