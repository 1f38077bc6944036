import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Vitest global setup: gives the whole run its own temp folder (TMPDIR, inherited by every worker and child
 * process, so `os.tmpdir()` points into it) and, at the end, fails the run naming anything a test left there
 * (then removes the folder). Other runs on the same machine, sharing the system temp dir, cannot interfere.
 *
 * @example
 * ```ts
 * defineConfig({ test: { globalSetup: ["test/setup/temp-dir-guard.ts"] } });
 * ```
 */
export default function setup(_project: TestProject): () => void {
  const runDir = mkdtempSync(join(tmpdir(), "argyle-test-run-"));
  // tsx keeps its compile cache in <tmpdir>/tsx-<uid>: child processes started with tsx share the usual one.
  const tsxCache = `tsx-${userInfo().uid}`;
  mkdirSync(join(tmpdir(), tsxCache), { recursive: true });
  symlinkSync(join(tmpdir(), tsxCache), join(runDir, tsxCache));
  const names = ["TMPDIR", "TMP", "TEMP"]; // what os.tmpdir() reads, on POSIX and on Windows
  const previous = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) process.env[name] = runDir;
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    const left = readdirSync(runDir).filter((name) => name !== tsxCache);
    rmSync(runDir, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest reports an error thrown here but keeps its exit code: set it too.
      process.exitCode = 1;
      throw new Error(
        `tests left ${left.length} entr${left.length === 1 ? "y" : "ies"} in the temp dir (clean up in afterAll): ${left.sort().join(", ")}`,
      );
    }
  };
}
