import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that take longest (servers under load, PGlite, child processes), started first so the short ones fill the
 * gaps of the worker pool instead of the long ones running alone at the end. The PGlite files alternate with the
 * others so that no two of them compete for the CPU at the start (their store timeouts are part of what they test);
 * {@link LAST} runs once the pool drains. The order vitest would use otherwise (cached durations, file size) applies
 * within and after this list.
 */
const SLOW = [
  "test/inbox/embedded-crash",
  "test/robustness/stall",
  "test/robustness/fuzz",
  "test/robustness/load",
  "test/codegen/",
  "test/inbox/inbox-receive-and-work",
  "test/e2e/",
  "test/docs/readme-code-blocks",
  "test/inbox/",
  "test/testing/cli",
  "test/specs/",
  "test/conformance/",
];

/**
 * One PGlite engine in the test's own process serving four child processes, with a 2 s store timeout asserted
 * never to trip: it gets the CPU least contended at the end, when the pool is draining.
 */
const LAST = ["test/inbox/instances-pglite-socket"];

const rank = (file: string) => {
  if (LAST.some((prefix) => file.includes(`/${prefix}`))) return SLOW.length + 1;
  const i = SLOW.findIndex((prefix) => file.includes(`/${prefix}`));
  return i < 0 ? SLOW.length : i;
};

/**
 * Vitest's sequencer, with the {@link SLOW} files moved to the front.
 *
 * @example
 * ```ts
 * defineConfig({ test: { sequence: { sequencer: SlowFilesFirst } } });
 * ```
 */
export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i, r: rank(spec.moduleId) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.spec);
  }
}
