// The embedded inbox's prepared data directory ships as a gzipped ustar archive (packages/inbox/prepare-data-dir.mjs)
// that createInbox() unpacks into a fresh directory: the reader must give back every file and refuse what would
// escape the directory or is not a plain file or directory.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readUstar } from "../../packages/inbox/src/read-ustar.js";

const shipped = gunzipSync(
  readFileSync(resolve(import.meta.dirname, "../../packages/inbox/dist/pglite-data-dir.tar.gz")),
);

/** A copy of the archive whose first header has `name` and `type` (checksum recomputed). */
function withFirstHeader(name: string, type = "0", size = 0): Buffer {
  const copy = Buffer.from(shipped);
  copy.fill(0, 0, 100);
  copy.write(name, 0);
  copy.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  copy.write(type, 156);
  copy.write("        ", 148);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += copy[i] as number;
  copy.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return copy;
}

describe("readUstar (the prepared PGlite data directory)", () => {
  it("reads the shipped archive: a PostgreSQL data directory of directories and files, all relative", () => {
    const entries = readUstar(shipped);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    expect(byPath.get("base")?.type).toBe("directory");
    expect(byPath.get("global/pg_control")?.type).toBe("file");
    expect(byPath.get("PG_VERSION")?.data.toString().trim()).toMatch(/^\d+$/);
    expect(byPath.has("postmaster.pid")).toBe(false); // shut down cleanly: nothing to recover on open
    expect(entries.length).toBeGreaterThan(100);
    for (const entry of entries) expect(entry.path).not.toMatch(/^\/|(^|\/)\.\.(\/|$)/);
  });

  it("refuses a header whose checksum does not match", () => {
    const copy = Buffer.from(shipped);
    copy[0] = (copy[0] as number) ^ 1;
    expect(() => readUstar(copy)).toThrow(/bad header checksum at byte 0/);
  });

  it("refuses paths that leave the directory it is unpacked into", () => {
    for (const name of ["../escape", "/etc/passwd", "base/../../x", "a//b"])
      expect(() => readUstar(withFirstHeader(name)), name).toThrow(/refusing the path/);
  });

  it("refuses links and other entry types", () => {
    expect(() => readUstar(withFirstHeader("link", "2"))).toThrow(/neither a file nor a directory/);
  });

  it("refuses an entry whose size runs past the end of the archive", () => {
    expect(() => readUstar(withFirstHeader("PG_VERSION", "0", shipped.length))).toThrow(
      /bad size for PG_VERSION/,
    );
  });
});
