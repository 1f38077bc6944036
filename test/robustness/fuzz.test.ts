import { describe, expect, it } from "vitest";
import { ADAPTER_NAMES } from "../../bench/robustness/adapter-servers.js";
import { runFuzz } from "../../bench/robustness/run-fuzz.js";

// Short version of `npm run fuzz`: a fixed seed, 150 hostile requests per adapter over real HTTP. Stalled inputs
// wait for the read timeout: 750 ms here (the full run's 1.5 s only makes the wait longer; a trickled valid
// delivery takes at most 140 ms), and the adapters run at the same time (each its own server).
const RUNS = 150;
const SEED = 20261126;
const READ_TIMEOUT_MS = 750;

describe.concurrent("hostile input over real HTTP (short fuzz, fixed seed)", () => {
  for (const [i, adapter] of ADAPTER_NAMES.entries()) {
    it(`${adapter}: no handler call without a valid signature, no crash, every waiting client answered, still serving`, async () => {
      const report = await runFuzz({
        adapters: [adapter],
        runs: RUNS,
        seed: SEED + i * 1000,
        readTimeoutMs: READ_TIMEOUT_MS,
      });
      expect(report.failures).toEqual([]);
      const [result] = report.adapters;
      expect(result?.inputs).toBe(RUNS);
      // The generator reached the interesting answers, not just one kind of refusal.
      expect(result?.mustDeliver).toBeGreaterThan(0);
      expect(result?.statuses["200"]).toBeGreaterThan(0);
      expect(result?.statuses["401"]).toBeGreaterThan(0);
      expect(result?.statuses["400"]).toBeGreaterThan(0);
      expect(result?.handlerCalls).toBe(result?.answered2xx);
    });
  }
});
