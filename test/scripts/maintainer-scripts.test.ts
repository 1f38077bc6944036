import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resultsPath } from "../../scripts/robustness/write-results.js";
import { root, runScript } from "../specs/run-script.js";

const noStack = /\n\s+at /;

describe("npm run codegen -- --help", () => {
  it("prints usage and exits 0; an unknown option exits 2 with a pointer to --help", async () => {
    const help = await runScript("codegen.ts", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run codegen [-- --check]");
    const bad = await runScript("codegen.ts", ["--chek"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--chek'");
    expect(bad.stderr).not.toMatch(noStack);
  });
});

describe("robustness scripts refuse bad arguments before starting anything", () => {
  it.each([
    ["robustness/load.ts", ["--duration", "abc"], '--duration must be a positive number, got "abc"'],
    ["robustness/load.ts", ["--connections", "0"], '--connections must be a positive integer, got "0"'],
    ["robustness/fuzz.ts", ["--adapters", "express 9"], 'unknown adapter "express 9"; known: express 5'],
    ["robustness/stall.ts", ["--read-timeout"], "--read-timeout needs a value"],
    ["robustness/soak.ts", ["--deliveries", "1e400"], "--deliveries must be a positive integer"],
  ])("%s %j", async (script, args, message) => {
    const run = await runScript(script, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(noStack);
  });
});

describe("results of the robustness runs and benchmarks", () => {
  it("go to the untracked .tmp/results/ unless --write-results is given", () => {
    expect(resultsPath("load", [])).toBe(resolve(root, ".tmp/results/load.md"));
    expect(resultsPath("load", ["--duration", "5"])).toBe(resolve(root, ".tmp/results/load.md"));
    expect(resultsPath("load", ["--write-results"])).toBe(resolve(root, "bench/results/load.md"));
  });
});
