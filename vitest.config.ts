import { defineConfig } from "vitest/config";
import { SlowFilesFirst } from "./test/setup/slow-files-first.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest's default on a 2-core machine is one worker: the files would run one after the other, while most of
    // their time is spent waiting (on sockets, timers, child processes, PGlite). Three overlap those waits.
    maxWorkers: 3,
    // A worker process runs file after file with its module cache kept (importing vitest, our dist and the SDKs once
    // per worker, not once per file: about 13 s of CPU over the suite). Files must therefore leave no global state
    // behind: test/telemetry/otel-harness.ts makes its SDK providers per file, env changes are restored.
    isolate: false,
    // test/robustness/soak.test.ts measures the heap after a forced GC.
    execArgv: ["--expose-gc"],
    sequence: { sequencer: SlowFilesFirst },
    // Every run gets its own TMPDIR and fails if a test leaves anything in it.
    globalSetup: ["test/setup/temp-dir-guard.ts"],
    typecheck: {
      // Runs `tsc --noEmit -p tsconfig.json`: the whole project (packages, scripts, tests, bench, examples), so
      // `npm test` needs no separate typecheck; type errors anywhere fail the run.
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
