import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built bin, run as a real process. */
export const CLI = fileURLToPath(new URL("../../packages/testing/dist/cli.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args`, feeding `input` on stdin; never uses ARGYLE_WEBHOOK_SECRET from this env. */
export function runCli(
  args: string[],
  input?: string | Buffer,
  env: Record<string, string> = {},
): Promise<CliRun> {
  const { ARGYLE_WEBHOOK_SECRET: _ignored, ...base } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...base, ...env }, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
