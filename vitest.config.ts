import { defineConfig } from "vitest/config";
import { SlowFilesFirst } from "./test/setup/slow-files-first.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Two workers: most files spend part of their time waiting (sockets, timers, child processes), so two overlap
    // those waits on a 2-core machine, while `npm test` runs the build checks beside them. Measured side by side on
    // this machine, `npm test -- --maxWorkers=N`: 1 worker 140.6 s, 2 workers 98.9 and 100.8 s, 3 workers 104.3 and
    // 110.3 s (a third worker only adds contention: about 25 s more CPU time over the run).
    maxWorkers: 2,
    // A worker process runs file after file with its module cache kept (importing vitest, our dist and the SDKs once
    // per worker, not once per file: about 13 s of CPU over the suite). Files must therefore leave no global state
    // behind: test/telemetry/otel-harness.ts makes its SDK providers per file, env changes are restored.
    isolate: false,
    // test/robustness/soak.test.ts measures the heap after a forced GC. `--liftoff-only`: PGlite's WebAssembly runs
    // on V8's baseline compiler only; the optimising one's background work costs more CPU than a test's few seconds
    // of queries gain from it (measured: the 9 PGlite files 40.0 -> 36.1 s CPU; warm `npm test` 125 -> 112 s CPU,
    // 72.4 -> 65.7 s wall). Nothing else in the suite runs WebAssembly.
    execArgv: ["--expose-gc", "--liftoff-only"],
    sequence: { sequencer: SlowFilesFirst },
    // Every run gets its own TMPDIR and fails if a test leaves anything in it.
    globalSetup: ["test/setup/temp-dir-guard.ts"],
    typecheck: {
      // Runs `tsc --noEmit -p tsconfig.typecheck.json`: the whole project (packages, scripts, tests, bench,
      // examples) with the package names pointed at their sources, so it needs no build; type errors anywhere fail
      // the run. `npm test` runs it as its own step beside the build (`vitest run --typecheck.only`).
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.typecheck.json",
    },
  },
});
