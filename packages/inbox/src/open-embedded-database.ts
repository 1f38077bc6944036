import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type PgBoss from "pg-boss";
import { unpackPreparedDataDir } from "./prepared-data-dir.js";

/**
 * An embedded PostgreSQL (PGlite) in a directory and the pg-boss `db` adapter that runs SQL on it in-process.
 * @example
 * ```ts
 * const { db, close } = await openEmbeddedDatabase("./.argyle-inbox");
 * const boss = new PgBoss({ db });
 * ```
 */
export interface EmbeddedDatabase {
  readonly pglite: PGlite;
  readonly db: PgBoss.Db;
  close(): Promise<void>;
}

/**
 * The embedded engine's shared buffers: 32 MB (4096 pages of 8 kB) instead of the 128 MB initdb writes into
 * postgresql.conf. An inbox's working set (pending jobs and their indexes) fits many times over, pages beyond it
 * are read back from the operating system's file cache, and each open no longer sets up 96 MB more buffer pool
 * inside the WebAssembly memory: an open takes about 0.19 s of CPU time instead of 0.33 s (measured on a 2-core
 * machine), which every `argyle-webhooks inbox` command on an embedded directory pays too. Given on the backend's
 * command line, so the directory's own postgresql.conf is left as it is.
 */
const EMBEDDED_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

/** True when the directory holds no data directory yet (missing or empty). */
function isFresh(directory: string): boolean {
  return !existsSync(directory) || readdirSync(directory).length === 0;
}

/**
 * Opens (or creates) the PGlite data directory. A fresh directory is filled from the prepared data directory
 * shipped with the package (initdb already done, shut down cleanly), which opens in about half a second instead of
 * the seconds PGlite's initdb takes. The engine runs with 32 MB of shared buffers ({@link EMBEDDED_START_PARAMS}).
 * @example
 * ```ts
 * const database = await openEmbeddedDatabase("/var/lib/my-app/argyle-inbox");
 * ```
 */
export async function openEmbeddedDatabase(directory: string): Promise<EmbeddedDatabase> {
  const fresh = isFresh(directory);
  const options = { startParams: [...EMBEDDED_START_PARAMS] };
  let pglite: PGlite;
  try {
    if (fresh && !unpackPreparedDataDir(directory)) mkdirSync(directory, { recursive: true });
    pglite = await PGlite.create(directory, options);
  } catch (error) {
    if (!fresh) throw error;
    // The prepared directory is damaged or does not suit this PGlite build: start over with PGlite's own initdb.
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    pglite = await PGlite.create(directory, options);
  }
  const db: PgBoss.Db = {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return pglite.query(text, values);
      // pg-boss sends multi-statement scripts (migrations) without parameters: PGlite's exec runs those.
      const results = await pglite.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
  } as PgBoss.Db;
  return { pglite, db, close: () => pglite.close() };
}
