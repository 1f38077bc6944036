import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The file the build writes next to the bundle: a PGlite data directory right after initdb, gzipped tar. */
export const PREPARED_DATA_DIR_FILE = "pglite-data-dir.tar.gz";

/**
 * The prepared data directory as a Blob for PGlite's `loadDataDir`, or `undefined` when the package was not built
 * with one (PGlite then runs initdb, which is slower).
 * @example
 * ```ts
 * const pglite = await PGlite.create(directory, { loadDataDir: loadPreparedDataDir() });
 * ```
 */
export function loadPreparedDataDir(): Blob | undefined {
  const path = fileURLToPath(new URL(`./${PREPARED_DATA_DIR_FILE}`, import.meta.url));
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}
