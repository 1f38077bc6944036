import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { generate } from "../../scripts/codegen/generate.js";
import { SpecError } from "../../scripts/codegen/spec-error.js";

const root = resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A spec folder with Argyle's gigs.updated file and an overlay holding `corrections`. */
function specsWith(corrections: unknown[], file = "gigs-webhooks-updated.yaml"): string {
  const dir = mkdtempSync(join(tmpdir(), "overlay-required-"));
  dirs.push(dir);
  copyFileSync(join(root, "openapi", file), join(dir, file));
  writeFileSync(join(dir, "argyle-webhooks.overlay.yaml"), stringify({ corrections }));
  return dir;
}

const manifestOf = (files: Map<string, string>) =>
  JSON.parse(files.get("manifest.json") ?? "{}") as {
    events: Record<string, { fields: Record<string, { required?: boolean }> }>;
  };

describe("overlay `required:`", () => {
  it("adds the fields to their parents' required lists, in the validator and the types", async () => {
    const dir = specsWith([
      {
        id: "r",
        events: ["gigs.updated"],
        evidence: ["test"],
        required: ["data.account", "data.updated_gigs"],
      },
    ]);
    const out = await generate({ specDir: dir, root });
    const fields = manifestOf(out).events["gigs.updated"]?.fields;
    expect(fields?.["data.account"]?.required).toBe(true);
    expect(fields?.["data.updated_gigs"]?.required).toBe(true);
    expect(fields?.["data.user"]?.required).toBeUndefined();
    expect(out.get("openapi.ts")).toMatch(/\baccount: string;/);
    expect(out.get("openapi.ts")).toMatch(/\buser\?: string;/);
  });

  it("refuses a path the schema does not define, naming the overlay and the correction", async () => {
    const dir = specsWith([
      { id: "typo", events: ["gigs.updated"], evidence: ["test"], required: ["data.acount"] },
    ]);
    const error = await generate({ specDir: dir, root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toMatch(
      /argyle-webhooks\.overlay\.yaml#\/corrections\/0\/required\/0: correction "typo" requires data\.acount, but the schema defines no property data\.acount/,
    );
  });

  it("refuses a malformed list", async () => {
    const dir = specsWith([
      { id: "bad", events: ["gigs.updated"], evidence: ["test"], required: ["data..x"] },
    ]);
    await expect(generate({ specDir: dir, root })).rejects.toThrow(
      /corrections\/0\/required: expected a list/,
    );
  });

  it("keeps a requirement when Argyle's fresh file already lists it or lists others", async () => {
    const dir = specsWith([
      { id: "r", events: ["gigs.updated"], evidence: ["test"], required: ["data.account"] },
    ]);
    // Before the edit: only the overlay's field is required. (The same folder generated again after the edit
    // must not come back as this generation: generate() reuses a generation only for identical bytes.)
    const before = await generate({ specDir: dir, root });
    expect(manifestOf(before).events["gigs.updated"]?.fields["data.user"]?.required).toBeUndefined();
    const again = await generate({ specDir: dir, root });
    expect(again).not.toBe(before);
    expect([...again]).toEqual([...before]);
    const file = join(dir, "gigs-webhooks-updated.yaml");
    const spec = parse(readFileSync(file, "utf8")) as {
      components: {
        schemas: { GigsUpdatedWebhookResponse: { properties: { data: { required?: string[] } } } };
      };
    };
    spec.components.schemas.GigsUpdatedWebhookResponse.properties.data.required = ["user", "account"];
    writeFileSync(file, stringify(spec));
    const fields = manifestOf(await generate({ specDir: dir, root })).events["gigs.updated"]?.fields;
    expect(fields?.["data.account"]?.required).toBe(true);
    expect(fields?.["data.user"]?.required).toBe(true);
  });
});
