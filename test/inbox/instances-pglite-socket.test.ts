import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, beforeAll, describe } from "vitest";
import { freePort } from "./fixtures/inbox-processes.js";
import { instancesSuite } from "./fixtures/instances-suite.js";

// PGlite served over the PostgreSQL wire protocol: one engine, one session multiplexed across connections.
describe("inbox: two receivers and two workers on PGlite over pglite-socket", () => {
  let db: PGlite;
  let server: PGLiteSocketServer | undefined;
  let port = 0;
  const serve = async () => {
    server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 100 });
    await server.start();
  };
  beforeAll(async () => {
    // The initdb'd data directory the inbox build prepares: loading it is quicker than running initdb again, and
    // quicker still as a plain tar (node's zlib unpacks it in a fraction of the time PGlite's own gunzip takes).
    const prepared = new URL("../../packages/inbox/dist/pglite-data-dir.tar.gz", import.meta.url);
    db = await PGlite.create({ loadDataDir: new Blob([gunzipSync(readFileSync(prepared))]) });
    port = await freePort();
    await serve();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  instancesSuite(() => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, {
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    start: serve,
  });
});
