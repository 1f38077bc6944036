import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where a script entry point writes; `process` when run from the command line, string collectors in tests. */
export interface ScriptIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
}

/** The entry point every script exports: its arguments (without node and the script) in, its exit code out. */
export type ScriptMain = (argv: string[], io: ScriptIO) => number | Promise<number>;

/** The process's own streams and environment. */
export const processIO: ScriptIO = { stdout: process.stdout, stderr: process.stderr, env: process.env };

function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs `main` with the command line and sets the exit code, but only when the module at `moduleUrl` is the script
 * node was started with (`tsx scripts/codegen.ts`); importing the module (as the tests do) runs nothing.
 *
 * @example
 * ```ts
 * export async function main(argv: string[], io: ScriptIO): Promise<number> { io.stdout.write("hi\n"); return 0; }
 * await runIfMain(import.meta.url, main);
 * ```
 */
export async function runIfMain(moduleUrl: string, main: ScriptMain): Promise<void> {
  if (!isMain(moduleUrl)) return;
  process.exitCode = await main(process.argv.slice(2), processIO);
}
