/**
 * `npm test`: every check CI runs, concurrent where they do not depend on each other.
 *
 *   codegen --check ─┐
 *   biome check .   ─┤
 *   typecheck       ─┼─ (all four at once)
 *   turbo build     ─┘─> check:packages (one pack each: publint, attw, tarball rules) ─┐
 *                     ─> check:consumer (packed install)                              ├─ (all three at once)
 *                     ─> vitest run (the tests, without the typecheck)                ─┘
 *
 * The typecheck is `vitest run --typecheck.only`: `tsc --noEmit -p tsconfig.typecheck.json` over the whole
 * project (packages, scripts, tests, bench, examples) plus the type tests (`*.test-d.ts`). That config points the
 * `@argyle-webhooks/*` names at the packages' sources, so it needs no build and runs beside it; the published
 * declarations are checked by check:packages and check:consumer.
 * The vitest output streams; the others are printed when they fail (all of it) or pass (one line). Exit 1 if any
 * failed. Extra arguments (`npm test -- test/core`) go to the tests' `vitest run`.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { runIfMain, type ScriptIO } from "./run-if-main.js";

const root = resolve(import.meta.dirname, "..");

interface Step {
  name: string;
  command: string[];
  /** Stream the output instead of buffering it. */
  live?: boolean;
  /** Gets the extra arguments of `npm test`. */
  takesArgs?: boolean;
}

const bin = (name: string) => resolve(root, "node_modules/.bin", name);
const tsx = (script: string): string[] => [process.execPath, "--import", "tsx", script];

const FIRST: Step[] = [
  { name: "codegen --check", command: [...tsx("scripts/codegen.ts"), "--check"] },
  { name: "biome check .", command: [bin("biome"), "check", "."] },
  { name: "typecheck", command: [bin("vitest"), "run", "--typecheck.only"] },
  { name: "build", command: [bin("turbo"), "run", "build", "--output-logs=errors-only"] },
];
const AFTER_BUILD: Step[] = [
  { name: "check:packages", command: tsx("scripts/check-packages.ts") },
  { name: "check:consumer", command: tsx("scripts/check-consumer.ts") },
  {
    name: "vitest run",
    command: [bin("vitest"), "run", "--typecheck.enabled=false"],
    live: true,
    takesArgs: true,
  },
];

function runStep(step: Step, io: ScriptIO, argv: string[]): Promise<boolean> {
  const started = performance.now();
  const [command, ...args] = step.command as [string, ...string[]];
  const extra = step.takesArgs ? argv : [];
  return new Promise((done) => {
    const child = spawn(command, [...args, ...extra], {
      cwd: root,
      env: io.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      if (step.live) io.stdout.write(chunk.toString());
      else output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => {
      output += `${error.message}\n`;
    });
    child.on("close", (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (code === 0) io.stdout.write(`ok    ${step.name} (${seconds} s)\n`);
      else io.stderr.write(`FAIL  ${step.name} (exit ${code}, ${seconds} s)\n${output}\n`);
      done(code === 0);
    });
  });
}

/**
 * Runs every check of `npm test`; extra arguments go to `vitest run`. Resolves with 0 when all passed, else 1.
 *
 * @example
 * ```ts
 * const code = await main([], processIO);
 * ```
 */
export async function main(argv: string[], io: ScriptIO): Promise<number> {
  const started = performance.now();
  const [codegen, lint, typecheck, build] = FIRST.map((step) => runStep(step, io, argv));
  const results = [codegen, lint, typecheck];
  if (await build) results.push(...AFTER_BUILD.map((step) => runStep(step, io, argv)));
  else results.push(Promise.resolve(false));
  const ok = (await Promise.all(results)).every(Boolean);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (ok) io.stdout.write(`npm test: every check passed (${seconds} s)\n`);
  else io.stderr.write(`npm test: FAILED (${seconds} s)\n`);
  return ok ? 0 : 1;
}

await runIfMain(import.meta.url, main);
