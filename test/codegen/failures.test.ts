import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../scripts/codegen.js";
import { root, runMain } from "../helpers/run-script.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const base = readFileSync(join(root, "openapi/gigs-webhooks-updated.yaml"), "utf8");
const tempDir = tempDirs();

/** A spec folder holding the valid gigs.updated spec plus `files`. */
function specDir(files: Record<string, string>): string {
  const dir = tempDir("specs-");
  writeFileSync(join(dir, "gigs-webhooks-updated.yaml"), base);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** `npm run codegen -- ...args`, in this process (its end-to-end run is in test/scripts/maintainer-scripts.test.ts). */
const codegen = (args: string[]) => runMain(main, args);

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

const renamed = base.replaceAll("gigs.updated", "gigs.renamed").replaceAll("GigsUpdated", "GigsRenamed");

const cases: [string, Record<string, string>, RegExp][] = [
  [
    "a file that is not OpenAPI",
    { "notes.yaml": "title: my notes\nitems: [1, 2]\n" },
    /notes\.yaml#\/openapi: not an OpenAPI 3 document/,
  ],
  ["invalid YAML", { "broken.yaml": "openapi: 3.0.0\n  paths: [\n" }, /broken\.yaml#: not valid YAML/],
  [
    "no 200 message schema",
    { "x.yaml": renamed.replace("'200':", "'201':") },
    /x\.yaml#\/paths\/~1v2~1webhooks\/post\/responses\/200\/content\/application~1json\/schema: no webhook message schema/,
  ],
  [
    "no derivable event name",
    {
      "x.yaml": renamed.replaceAll("`gigs.renamed`", "the event").replace("event: gigs.renamed", "event: 42"),
    },
    /x\.yaml#\/components\/schemas\/GigsRenamedWebhookResponse\/properties\/event: no derivable event name/,
  ],
  [
    "an ambiguous event name",
    { "x.yaml": renamed.replace("event: gigs.renamed", "event: gigs.other") },
    /x\.yaml#.*ambiguous event name/,
  ],
  [
    "an unresolvable $ref",
    {
      "x.yaml": renamed.replace(
        "$ref: '#/components/schemas/GigsRenamedWebhookResponse'",
        "$ref: '#/components/schemas/Missing'",
      ),
    },
    /x\.yaml#\/paths\/~1v2~1webhooks\/post\/responses\/200\/content\/application~1json\/schema\/\$ref: unresolvable \$ref "#\/components\/schemas\/Missing"/,
  ],
  [
    "an event another file claims",
    { "zz-copy.yaml": base },
    /zz-copy\.yaml#.*event "gigs\.updated" is already defined by .*gigs-webhooks-updated\.yaml/,
  ],
];

describe("codegen fails loudly on bad specs, naming the file and JSON pointer, leaving generated/ untouched", () => {
  it.each(cases)("%s", async (_name, files, message) => {
    const specs = specDir(files);
    const out = tempDir("out-");
    writeFileSync(join(out, "sentinel.ts"), "// previous output\n");
    const before = snapshot(out);
    const result = await codegen(["--specs", specs, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(snapshot(out)).toEqual(before);
  });
});

describe("codegen --check", () => {
  it("passes on the committed output and names a hand-edited or stale file", async () => {
    const clean = await codegen(["--check"]);
    expect(clean.code).toBe(0);
    const out = tempDir("gen-");
    cpSync(join(root, "generated"), out, { recursive: true });
    writeFileSync(
      join(out, "registry.ts"),
      `${readFileSync(join(out, "registry.ts"), "utf8")}\n// hand edit\n`,
    );
    writeFileSync(join(out, "leftover.ts"), "export {};\n");
    const edited = await codegen(["--check", "--out", out]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/stale or was edited by hand: leftover\.ts, registry\.ts/);
  });
});
