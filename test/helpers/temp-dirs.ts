import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * A maker of temp folders (`mkdtemp` under the system temp dir) that removes every folder it made after the
 * enclosing file or suite (`afterAll`). Call it at the top of a test file or inside a `describe`.
 *
 * @example
 * ```ts
 * const tempDir = tempDirs();
 * it("writes", () => { const dir = tempDir("out-"); ... });
 * ```
 */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
