// Build step: writes dist/pglite-data-dir.tar.gz, an initdb'd PGlite data directory, so createInbox() on a fresh
// directory loads it (about a second) instead of running initdb.
import { writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

const pglite = await PGlite.create();
const dump = await pglite.dumpDataDir("gzip");
writeFileSync(
  new URL("./dist/pglite-data-dir.tar.gz", import.meta.url),
  Buffer.from(await dump.arrayBuffer()),
);
await pglite.close();
