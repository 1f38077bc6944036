import { execFile } from "node:child_process";
import { resolve } from "node:path";
import type { ScriptMain } from "../../scripts/run-if-main.js";

export const root = resolve(import.meta.dirname, "../..");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node --import tsx <script> ...args` (a path from the repository root) as a real process, asynchronously
 * (servers in this process keep running). For the one end-to-end test per script; the others call its `main`.
 */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Calls a script's exported `main(argv, io)` in this process, collecting what it writes; `env` adds variables. */
export async function runMain(
  main: ScriptMain,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { ...process.env, ...env },
  });
  return { code, stdout, stderr };
}
