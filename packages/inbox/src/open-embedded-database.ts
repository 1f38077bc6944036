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

/** True when the directory holds no data directory yet (missing or empty). */
function isFresh(directory: string): boolean {
  return !existsSync(directory) || readdirSync(directory).length === 0;
}

/**
 * Opens (or creates) the PGlite data directory. A fresh directory is filled from the prepared data directory
 * shipped with the package (initdb already done, shut down cleanly), which opens in about half a second instead of
 * the seconds PGlite's initdb takes.
 * @example
 * ```ts
 * const database = await openEmbeddedDatabase("/var/lib/my-app/argyle-inbox");
 * ```
 */
export async function openEmbeddedDatabase(directory: string): Promise<EmbeddedDatabase> {
  const fresh = isFresh(directory);
  let pglite: PGlite;
  try {
    if (fresh && !unpackPreparedDataDir(directory)) mkdirSync(directory, { recursive: true });
    pglite = await PGlite.create(directory);
  } catch (error) {
    if (!fresh) throw error;
    // The prepared directory is damaged or does not suit this PGlite build: start over with PGlite's own initdb.
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    pglite = await PGlite.create(directory);
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
