import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the embedded directory for this process (one process owns a PGlite directory): a lock file with our pid.
 * A lock left by a process that died (SIGKILL, crash) is taken over. Returns the release function.
 * @example
 * ```ts
 * const release = lockDirectory("./.argyle-inbox");
 * // ...
 * release();
 * ```
 */
export function lockDirectory(directory: string): () => void {
  const path = join(directory, "argyle-inbox.lock");
  try {
    writeFileSync(path, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number.parseInt(readFileSync(path, "utf8"), 10);
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
      throw new Error(
        `createInbox: ${directory} is in use by process ${owner}; an embedded inbox has one owner (use PostgreSQL for several processes)`,
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}
