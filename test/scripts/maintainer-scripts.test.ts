import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main as fuzz } from "../../bench/robustness/fuzz.js";
import { main as load } from "../../bench/robustness/load.js";
import { main as soak } from "../../bench/robustness/soak.js";
import { main as stall } from "../../bench/robustness/stall.js";
import { resultsPath } from "../../bench/write-results.js";
import { main as codegen } from "../../scripts/codegen.js";
import { root, runMain, runScript } from "../helpers/run-script.js";

const noStack = /\n\s+at /;

describe("npm run codegen -- --help", () => {
  it("an unknown option exits 2 with a pointer to --help, without a stack trace (the real command)", async () => {
    // The one run of the real command (node + tsx, a child process): the message and exit code reach the shell.
    const bad = await runScript("scripts/codegen.ts", ["--chek"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--chek'");
    expect(bad.stderr).not.toMatch(noStack);
  });

  it("main() prints usage and exits 0 on --help, and answers an unknown option the same in-process", async () => {
    const [help, bad] = await Promise.all([runMain(codegen, ["--help"]), runMain(codegen, ["--chek"])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run codegen [-- --check]");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--chek'");
    expect(bad.stderr).toContain("Run `npm run codegen -- --help` for usage.");
    expect(bad.stderr).not.toMatch(noStack);
  });
});

const badArguments = [
  ["load", load, ["--duration", "abc"], '--duration must be a positive number, got "abc"'],
  ["load", load, ["--connections", "0"], '--connections must be a positive integer, got "0"'],
  ["fuzz", fuzz, ["--adapters", "express 9"], 'unknown adapter "express 9"; known: express 5'],
  ["stall", stall, ["--read-timeout"], "--read-timeout needs a value"],
  ["soak", soak, ["--deliveries", "1e400"], "--deliveries must be a positive integer"],
] as const;

describe("robustness scripts refuse bad arguments before starting anything", () => {
  it.each(badArguments)("%s %j", async (name, main, args, message) => {
    const run = await runMain(main, [...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(`${name}: ${message}`)).toBe(true);
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect(run.stderr).not.toMatch(noStack);
    expect(run.stdout).toBe("");
  });

  // One real process per command (node + tsx, as `npm run fuzz` starts it): the message and exit code reach the shell.
  it.concurrent.each([
    ["fuzz", "--adapters"],
    ["load", "--adapters"],
    ["soak", "--adapter"],
    ["stall", "--adapters"],
  ])("bench/robustness/%s.ts run as a command exits 2 on %s without a value", async (name, option) => {
    const run = await runScript(`bench/robustness/${name}.ts`, [option]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${name}: ${option} needs a value\n`);
  });
});

describe("results of the robustness runs and benchmarks", () => {
  it("go to the untracked .tmp/results/ unless --write-results is given", () => {
    expect(resultsPath("load", [])).toBe(resolve(root, ".tmp/results/load.md"));
    expect(resultsPath("load", ["--duration", "5"])).toBe(resolve(root, ".tmp/results/load.md"));
    expect(resultsPath("load", ["--write-results"])).toBe(resolve(root, "bench/results/load.md"));
  });
});
