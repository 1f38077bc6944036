import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { readUstar } from "./read-ustar.js";

/**
 * The file the build writes next to the bundle: a PGlite data directory right after initdb, shut down cleanly, as a
 * gzipped ustar archive.
 */
export const PREPARED_DATA_DIR_FILE = "pglite-data-dir.tar.gz";

/**
 * Unpacks the prepared data directory into `directory` (which must be empty or missing) and returns true, or
 * returns false when the package was built without one (PGlite then runs initdb, which is slower). Opening the
 * unpacked directory is as fast as reopening an existing one.
 * @example
 * ```ts
 * if (unpackPreparedDataDir(directory)) pglite = await PGlite.create(directory);
 * ```
 */
export function unpackPreparedDataDir(directory: string): boolean {
  const path = fileURLToPath(new URL(`./${PREPARED_DATA_DIR_FILE}`, import.meta.url));
  if (!existsSync(path)) return false;
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  for (const entry of readUstar(gunzipSync(readFileSync(path)))) {
    const target = join(directory, entry.path);
    if (entry.type === "directory") mkdirSync(target, { recursive: true, mode: 0o700 });
    else writeFileSync(target, entry.data, { mode: 0o600 });
  }
  return true;
}
