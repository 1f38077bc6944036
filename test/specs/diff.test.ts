import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main as codegen } from "../../scripts/codegen.js";
import { affectedPackages } from "../../scripts/specs/changeset.js";
import { diffManifests } from "../../scripts/specs/diff-manifests.js";
import { specManifest } from "../../scripts/specs/spec-manifest.js";
import { main as specsDiff } from "../../scripts/specs-diff.js";
import { root, runMain } from "../helpers/run-script.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const fixtures = "test/fixtures/specs";
const overlay = `${fixtures}/overlay.yaml`;
let work: string;
let manifest: string;

/** The manifest of the last generation: real codegen over the base fixture set. */
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "specs-diff-"));
  const gen = await runMain(codegen, [
    "--specs",
    `${fixtures}/base`,
    "--out",
    join(work, "generated"),
    "--overlay",
    overlay,
  ]);
  expect(gen.code, gen.stderr).toBe(0);
  manifest = join(work, "generated", "manifest.json");
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function diff(set: string, extra: string[] = []) {
  const changesetDir = mkdtempSync(join(work, "changeset-"));
  const result = await runMain(specsDiff, [
    "--specs",
    set.includes("/") ? set : `${fixtures}/${set}`,
    "--overlay",
    overlay,
    "--manifest",
    manifest,
    "--changeset-dir",
    changesetDir,
    ...extra,
  ]);
  const files = readdirSync(changesetDir);
  const changeset = files[0] ? readFileSync(join(changesetDir, files[0]), "utf8") : undefined;
  return { ...result, files, changeset, lines: result.stdout.split("\n") };
}

describe("specs:diff", () => {
  it.concurrent.for([
    ["field-added", "+ gigs.updated data.item_id: string (new field)", "minor"],
    ["type-changed", "~ gigs.updated data.available_count: integer -> string", "major"],
    ["event-removed", "- gigs.partially_synced (event removed)", "major"],
    ["event-added", "+ gigs.removed (new event)", "minor"],
    ["config-changed", "+ gigs.partially_synced config.include_resource: boolean (new field)", "minor"],
  ] as const)(
    "summarises the %s fixture set and writes a changeset",
    async ([set, line, bump], { expect }) => {
      const result = await diff(set);
      expect(result.code, result.stderr).toBe(0);
      expect(result.lines[0]).toBe(`Argyle spec changes: 1 in 1 event (${bump})`);
      expect(result.lines[1]).toBe(line);
      expect(result.files).toHaveLength(1);
      expect(result.files[0]).toMatch(/^argyle-specs-[0-9a-f]{8}\.md$/);
      expect(result.changeset).toMatch(
        new RegExp(`^---\\n"@argyle-webhooks/core": ${bump}\\n(.*\\n)*---\\n`),
      );
      expect(result.changeset).toContain(`- \`${line}\``);
    },
  );

  it("reports nothing and writes no changeset when the specs did not change", async () => {
    const result = await diff("base");
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe("Argyle spec changes: none");
    expect(result.files).toEqual([]);
  });

  it("groups several changes by event and reports text-only edits as patch", async () => {
    const dir = mkdtempSync(join(work, "mixed-"));
    cpSync(join(root, fixtures, "event-added"), dir, { recursive: true });
    const updated = join(dir, "gigs-webhooks-updated.yaml");
    writeFileSync(
      updated,
      readFileSync(updated, "utf8").replace(
        "description: Number of gigs updated.",
        "description: How many gigs changed.",
      ),
    );
    const synced = join(dir, "gigs-webhooks-partially-synced.yaml");
    const text = readFileSync(synced, "utf8");
    // gigs.partially_synced loses data.user and its subscription config's days_synced becomes nullable.
    writeFileSync(
      synced,
      text
        .replace(/ {12}user:\n {14}type: string\n {14}format: uuid\n {14}description: ID of the user.\n/, "")
        .replace(/( {12}days_synced:\n {14}type: integer\n)/, "$1              nullable: true\n"),
    );
    const result = await diff(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      [
        "Argyle spec changes: 4 in 3 events (major)",
        "- gigs.partially_synced data.user: string (uuid) (field removed)",
        "~ gigs.partially_synced config.days_synced: integer -> integer | null",
        "",
        "+ gigs.removed (new event)",
        "",
        "~ gigs.updated: spec text changed (descriptions or examples; no field changes)",
      ].join("\n"),
    );
    expect(result.changeset).toMatch(/"@argyle-webhooks\/core": major/);
  });

  it("warns about overlay corrections for removed events instead of failing", async () => {
    const result = await diff("event-removed");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '! overlay correction "partially-synced-dates-nullable" names gigs.partially_synced',
    );
  });

  it("reports a removed object once, not each of its fields", () => {
    const event = (fields: Record<string, { type: string }>) => ({
      file: "x.yaml",
      sha256: "",
      corrections: [],
      configSupported: false,
      configRequired: false,
      config: {},
      fields,
    });
    const before = {
      "//": "",
      events: {
        "a.b": event({
          data: { type: "object" },
          "data.resource": { type: "object" },
          "data.resource.items[].id": { type: "string" },
        }),
      },
    };
    const after = { "//": "", events: { "a.b": event({ data: { type: "object" } }) } };
    expect(diffManifests(before, after).map((c) => c.path)).toEqual(["data.resource"]);
    expect(diffManifests(after, before).map((c) => `${c.sign} ${c.path}`)).toEqual(["+ data.resource"]);
  });

  it("computes the same manifest as codegen writes", () => {
    const written = JSON.parse(readFileSync(manifest, "utf8"));
    const computed = specManifest(join(root, fixtures, "base"), join(root, overlay)).manifest;
    expect(diffManifests(written, computed)).toEqual([]);
    for (const e of Object.values(computed.events)) e.file = e.file.split("/").pop() ?? e.file;
    for (const e of Object.values(written.events) as { file: string }[])
      e.file = e.file.split("/").pop() ?? e.file;
    expect(computed).toEqual(written);
  });

  it("fails with exit 1 on an unreadable manifest or spec, 2 on bad arguments", async () => {
    const noManifest = await runMain(specsDiff, [
      "--specs",
      `${fixtures}/base`,
      "--manifest",
      join(work, "missing.json"),
    ]);
    expect(noManifest.code).toBe(1);
    expect(noManifest.stderr).toContain("cannot read the manifest");
    const broken = mkdtempSync(join(work, "broken-"));
    writeFileSync(join(broken, "x.yaml"), "openapi: 3.0.0\n  paths: [\n");
    const badSpec = await runMain(specsDiff, ["--specs", broken, "--manifest", manifest]);
    expect(badSpec.code).toBe(1);
    expect(badSpec.stderr).toMatch(/x\.yaml#: not valid YAML/);
    const badArgs = await runMain(specsDiff, ["--spec", "x"]);
    expect(badArgs.code).toBe(2);
    expect(badArgs.stderr).toContain("Usage: npm run specs:diff");
  });
});

describe("codegen prints the spec changes", () => {
  it("when a normal run changes the manifest, and --check stays as it was", async () => {
    const out = join(mkdtempSync(join(work, "codegen-")), "generated");
    cpSync(join(work, "generated"), out, { recursive: true });
    const check = await runMain(codegen, [
      "--check",
      "--specs",
      `${fixtures}/type-changed`,
      "--out",
      out,
      "--overlay",
      overlay,
    ]);
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).not.toContain("Argyle spec changes");
    const run = await runMain(codegen, [
      "--specs",
      `${fixtures}/type-changed`,
      "--out",
      out,
      "--overlay",
      overlay,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "Argyle spec changes: 1 in 1 event (major)\n~ gigs.updated data.available_count: integer -> string",
    );
  });
});

describe("affected packages", () => {
  const tempDir = tempDirs();
  const pkgRoot = (deps: Record<string, Record<string, string>>) => {
    const dir = tempDir("specs-pkgs-");
    for (const [name, dependencies] of Object.entries(deps)) {
      mkdirSync(join(dir, "packages", name), { recursive: true });
      writeFileSync(
        join(dir, "packages", name, "package.json"),
        JSON.stringify({ name: `@argyle-webhooks/${name}`, dependencies }),
      );
    }
    return dir;
  };
  const core = { "@argyle-webhooks/core": "0.0.0" };

  it("bumps core for field changes only, and testing/client too for events they expose", () => {
    const dir = pkgRoot({ testing: core, client: core });
    const field = {
      event: "a.b",
      kind: "field-changed",
      sign: "~",
      path: "data.x",
      detail: "",
      bump: "major",
    } as const;
    const added = {
      event: "a.c",
      kind: "event-added",
      sign: "+",
      detail: "new event",
      bump: "minor",
    } as const;
    const config = {
      event: "a.b",
      kind: "config",
      sign: "+",
      path: "config.y",
      detail: "",
      bump: "minor",
    } as const;
    expect(affectedPackages([field], dir)).toEqual({ "@argyle-webhooks/core": "major" });
    expect(affectedPackages([added], dir)).toEqual({
      "@argyle-webhooks/core": "minor",
      "@argyle-webhooks/testing": "minor",
      "@argyle-webhooks/client": "minor",
    });
    expect(affectedPackages([config], dir)).toEqual({
      "@argyle-webhooks/core": "minor",
      "@argyle-webhooks/client": "minor",
    });
    expect(affectedPackages([added], pkgRoot({ testing: {}, client: {} }))).toEqual({
      "@argyle-webhooks/core": "minor",
    });
    expect(affectedPackages([], dir)).toEqual({});
  });
});
