import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/specs-pull.js";
import { root, runMain, runScript } from "../helpers/run-script.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { type DocsServer, startDocsServer } from "./docs-server.js";

const fixtures = join(root, "test/fixtures/specs");
const base = (name: string) => readFileSync(join(fixtures, "base", name), "utf8");
const OVERLAY = "argyle-webhooks.overlay.yaml";
const UPDATED = "/api-reference/gigs-webhooks/updated.md";
const tempDir = tempDirs();
/** `npm run specs:pull -- ...args`, in this process. */
const pull = (args: string[], env: Record<string, string> = {}) => runMain(main, args, env);

/** Every file in `dir` with its contents, sorted, including hidden ones: what "untouched" means. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
}

/** An openapi/ folder as a project has it: our overlay, an old copy of one spec, a spec Argyle no longer lists. */
function existingSpecDir(): string {
  const dir = join(tempDir("specs-pull-"), "openapi");
  mkdirSync(dir);
  writeFileSync(join(dir, OVERLAY), "corrections: []\n");
  writeFileSync(
    join(dir, "gigs-webhooks-updated.yaml"),
    base("gigs-webhooks-updated.yaml").replace("Number of gigs updated.", "Old text."),
  );
  writeFileSync(
    join(dir, "gigs-webhooks-fully-synced.yaml"),
    base("gigs-webhooks-updated.yaml")
      .replaceAll("gigs.updated", "gigs.fully_synced")
      .replaceAll("GigsUpdated", "GigsFullySynced"),
  );
  writeFileSync(join(dir, "NOTES.md"), "our notes\n");
  return dir;
}

let server: DocsServer;
beforeAll(async () => {
  server = await startDocsServer(join(fixtures, "site"));
});
afterAll(() => server.close());
beforeEach(() => {
  server.overrides.clear();
  server.requests.length = 0;
});

describe("specs:pull", () => {
  it("writes exactly the YAML embedded in each listed webhook page, keeps the overlay, deletes unlisted specs", async () => {
    const out = existingSpecDir();
    const overlayBefore = readFileSync(join(out, OVERLAY), "utf8");
    // The one run of the real command (node + tsx, a child process); the other cases call main() in-process.
    const result = await runScript("scripts/specs-pull.ts", ["--base-url", server.baseUrl, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(snapshot(out)).toEqual({
      [OVERLAY]: overlayBefore,
      "NOTES.md": "our notes\n",
      "gigs-webhooks-partially-synced.yaml": base("gigs-webhooks-partially-synced.yaml"),
      "gigs-webhooks-updated.yaml": base("gigs-webhooks-updated.yaml"),
    });
    expect(result.stdout).toContain("added: gigs-webhooks-partially-synced.yaml");
    expect(result.stdout).toContain("changed: gigs-webhooks-updated.yaml");
    expect(result.stdout).toContain("removed: gigs-webhooks-fully-synced.yaml");
    // Only the index and the per-event webhook pages are fetched: not the family overview, legacy or other pages.
    expect([...server.requests].sort()).toEqual([
      "/api-reference/gigs-webhooks/partially-synced.md",
      UPDATED,
      "/llms.txt",
    ]);
    // No temp folders are left next to the spec folder.
    expect(readdirSync(join(out, ".."))).toEqual(["openapi"]);
  });

  it("reports an up-to-date folder without rewriting it", async () => {
    const out = existingSpecDir();
    await pull(["--base-url", server.baseUrl, "--out", out]);
    const inode = statSync(out).ino;
    const again = await pull(["--base-url", server.baseUrl, "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already up to date");
    expect(again.stdout).toContain("unchanged: 2");
    expect(statSync(out).ino).toBe(inode);
  });

  it("keeps specs the index no longer lists with --keep-unlisted, and reads the base URL from ARGYLE_DOCS_BASE_URL", async () => {
    const out = existingSpecDir();
    const result = await pull(["--out", out, "--keep-unlisted"], {
      ARGYLE_DOCS_BASE_URL: `${server.baseUrl}/`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kept: gigs-webhooks-fully-synced.yaml");
    expect(Object.keys(snapshot(out))).toEqual([
      "NOTES.md",
      OVERLAY,
      "gigs-webhooks-fully-synced.yaml",
      "gigs-webhooks-partially-synced.yaml",
      "gigs-webhooks-updated.yaml",
    ]);
  });

  const noBlock = readFileSync(join(fixtures, "site", UPDATED.slice(1)), "utf8").replace(
    /```yaml[\s\S]*```\n/,
    "No OpenAPI here.\n",
  );
  const brokenYaml = readFileSync(join(fixtures, "site", UPDATED.slice(1)), "utf8").replace(
    "paths:\n",
    "paths: [\n",
  );
  const notWebhook =
    "```yaml openAPI/gigs-webhooks-updated.yaml post /v2/webhooks\nopenapi: 3.0.0\ninfo: { title: x }\npaths: {}\n```\n";
  const failures: [string, Parameters<DocsServer["overrides"]["set"]>[1], string[], RegExp][] = [
    ["a network error", "reset", [], /network error/],
    ["an HTTP error", { status: 503 }, [], /HTTP 503/],
    ["a page without a YAML block", { body: noBlock }, [], /no ```yaml openAPI\/<file>\.yaml block/],
    [
      "a YAML block that does not parse",
      { body: brokenYaml },
      [],
      /openAPI\/gigs-webhooks-updated\.yaml: not valid YAML/,
    ],
    ["a YAML that is not a webhook spec", { body: notWebhook }, [], /no POST \/v2\/webhooks operation/],
    // 400 ms: the stand-in site answers the other pages in a few ms; the test waits out the whole timeout.
    [
      "a page that stops answering (--timeout)",
      "hang",
      ["--timeout", "400"],
      /no complete response within 400 ms/,
    ],
  ];
  it.each(failures)(
    "leaves the folder untouched and names the page on %s",
    async (_, override, extra, reason) => {
      const out = existingSpecDir();
      const before = snapshot(out);
      server.overrides.set(UPDATED, override);
      const result = await pull(["--base-url", server.baseUrl, "--out", out, ...extra]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("was not changed");
      const line = result.stderr.split("\n").find((l) => l.includes(`${server.baseUrl}${UPDATED}`));
      expect(line).toMatch(reason);
      expect(result.stderr).not.toContain("partially-synced.md");
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(join(out, ".."))).toEqual(["openapi"]);
    },
  );

  it("leaves the folder untouched when the index cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((done) => closed.close(() => done()));
    const out = existingSpecDir();
    const before = snapshot(out);
    const result = await pull(["--base-url", `http://127.0.0.1:${port}`, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`http://127\\.0\\.0\\.1:${port}/llms\\.txt: network error.*ECONNREFUSED`),
    );
    expect(snapshot(out)).toEqual(before);
  });

  it("refuses an index that lists no webhook pages instead of deleting every spec", async () => {
    const out = existingSpecDir();
    const before = snapshot(out);
    server.overrides.set("/llms.txt", {
      body: "# Argyle\n\n- [Introduction](https://docs.argyle.com/overview/introduction.md)\n",
    });
    const result = await pull(["--base-url", server.baseUrl, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${server.baseUrl}/llms.txt: the index lists no webhook pages`);
    expect(snapshot(out)).toEqual(before);
  });

  it.each([
    [["--base-url", "ftp://example.test"], /must be an http\(s\) URL/],
    [["--base-url", "not a url"], /is not a URL/],
    [["--timeout", "soon"], /--timeout must be a positive number/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const result = await pull(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run specs:pull");
  });

  it("prints its usage with --help", async () => {
    const result = await pull(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--base-url URL");
  });
});
