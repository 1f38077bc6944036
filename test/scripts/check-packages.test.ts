// `npm run check:packages` (scripts/check-packages.ts): one pack per package, then publint, Are the Types Wrong and
// our own tarball rules on it. `npm test` runs it on the real packages; here a package with a mistake for each of
// the three checks must fail, naming each mistake.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/check-packages.js";
import { runMain } from "../helpers/run-script.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const tempDir = tempDirs();

/** A package whose CommonJS entry is missing, whose require types are ESM types, and that publishes its sources. */
function brokenPackage(): string {
  const dir = tempDir("check-packages-");
  mkdirSync(join(dir, "dist"));
  mkdirSync(join(dir, "src"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "broken-fixture",
      version: "1.0.0",
      type: "module",
      license: "MIT",
      main: "./dist/index.cjs",
      exports: {
        ".": { types: "./dist/index.d.ts", import: "./dist/index.js", require: "./dist/index.cjs" },
      },
    }),
  );
  writeFileSync(join(dir, "README.md"), "# broken\n");
  writeFileSync(join(dir, "dist/index.js"), "export const answer = 42;\n");
  writeFileSync(join(dir, "dist/index.d.ts"), "export declare const answer: number;\n");
  writeFileSync(join(dir, "src/index.ts"), "export const answer = 42;\n");
  return dir;
}

describe("npm run check:packages", () => {
  it("fails a package with one mistake for each check and names them all", async () => {
    const run = await runMain(main, [brokenPackage()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("FAIL  broken-fixture: not ready to publish");
    // our rules
    expect(run.stderr).toContain("LICENSE is missing from the tarball");
    expect(run.stderr).toContain("./dist/index.cjs (named in package.json) is not in the tarball");
    expect(run.stderr).toContain("src/index.ts should not be published");
    expect(run.stderr).toContain("package.json has no repository.directory");
    // publint (strict): the missing CommonJS entry
    expect(run.stderr).toMatch(/publint: .*dist\/index\.cjs/);
    // Are the Types Wrong: ESM types for `require` under node16
    expect(run.stderr).toMatch(/Are the Types Wrong: .*\(\., node16-cjs\)/);
    expect(run.stderr).toContain("check:packages: 1 of 1 packages failed");
  });
});
