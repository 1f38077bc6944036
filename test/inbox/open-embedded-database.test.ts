// The embedded engine runs with 32 MB of shared buffers, given on the backend's command line: the running server
// reports it, and the data directory's own postgresql.conf keeps what initdb wrote.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase } from "../../packages/inbox/src/open-embedded-database.js";

const directory = mkdtempSync(join(tmpdir(), "argyle-embedded-db-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("openEmbeddedDatabase", () => {
  it("runs PGlite with 32 MB of shared buffers and leaves postgresql.conf as initdb wrote it", async () => {
    const database = await openEmbeddedDatabase(join(directory, "inbox"));
    try {
      const result = await database.pglite.query<{ shared_buffers: string }>("SHOW shared_buffers");
      expect(result.rows[0]?.shared_buffers).toBe("32MB");
    } finally {
      await database.close();
    }
    const conf = readFileSync(join(directory, "inbox", "postgresql.conf"), "utf8");
    expect(conf).toMatch(/^shared_buffers = 128MB/m);
  });
});
