import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Names of files that differ between `files` and `dir` (changed, missing or extra). */
export function staleFiles(dir: string, files: ReadonlyMap<string, string>): string[] {
  const stale: string[] = [];
  const present = existsSync(dir) ? readdirSync(dir) : [];
  for (const [name, contents] of files) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, "utf8") !== contents) stale.push(name);
  }
  for (const name of present) if (!files.has(name)) stale.push(name);
  return stale.sort();
}

/** Replaces `dir` with exactly `files`, via a sibling temp folder and renames, so a failure leaves it intact. */
export function writeAtomically(dir: string, files: ReadonlyMap<string, string>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const [name, contents] of files) writeFileSync(join(tmp, name), contents);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}
