import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  argyleWebhookEventNames,
  argyleWebhookEvents,
  argyleWebhookExamples,
  argyleWebhookFamilies,
} from "../../generated/index.js";
import { validators as esmValidators } from "../../generated/validators.mjs";
import { generate } from "../../scripts/codegen/generate.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const tempDir = tempDirs();

const root = resolve(import.meta.dirname, "../..");
interface CatalogEvent {
  event: string;
  example_payload_observed?: { json: unknown };
  payload_fields?: { path: string; optional?: boolean | null; nullable?: boolean | null }[] | null;
}
const catalog = JSON.parse(readFileSync(resolve(root, "test/fixtures/argyle-catalog.json"), "utf8")) as {
  families: { family: string; events: CatalogEvent[] }[];
  subscription_request: { config_allowed_events_per_real_api_error: string[] };
};
const addendum = JSON.parse(
  readFileSync(resolve(root, "test/fixtures/argyle-catalog-addendum.json"), "utf8"),
) as {
  families: { family: string; events: CatalogEvent[] }[];
  new_totals: { v2_events: number; families: number };
};
const require = createRequire(import.meta.url);
const cjsValidators = (require("../../generated/validators.cjs") as { validators: typeof esmValidators })
  .validators;

type Json = Record<string, unknown>;

/** Every leaf path of an object with its value. */
function leaves(value: unknown, path: string[] = []): [string[], unknown][] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [[path, value]];
}

function withValue(message: unknown, path: string[], value: unknown): Json {
  const copy = structuredClone(message) as Json;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path[path.length - 1] as string] = value;
  return copy;
}

const manifest = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../generated/manifest.json"), "utf8"),
) as {
  events: Record<string, { fields: Record<string, { required?: boolean; nullable?: boolean }> }>;
};

const wrongType = (v: unknown) =>
  typeof v === "string" ? 12345 : typeof v === "number" ? "12345" : typeof v === "boolean" ? "yes" : 7;

describe("the catalog", () => {
  it("has all 46 v2 events in 16 families (catalog + addendum), each with a handler name", () => {
    expect(argyleWebhookEventNames).toHaveLength(46);
    expect(argyleWebhookFamilies).toHaveLength(16);
    expect(addendum.new_totals).toMatchObject({ v2_events: 46, families: 16 });
    const catalogEvents = [...catalog.families, ...addendum.families]
      .flatMap((f) => f.events.map((e) => e.event))
      .sort();
    expect([...argyleWebhookEventNames]).toEqual(catalogEvents);
    expect(argyleWebhookEvents.find((e) => e.event === "gigs.partially_synced")).toMatchObject({
      handlerName: "onGigsPartiallySynced",
      family: "gigs",
      action: "partially_synced",
      config: { supported: true, required: false, fields: ["days_synced"] },
    });
    expect(argyleWebhookEvents.find((e) => e.event === "items.updated")?.config).toMatchObject({
      supported: true,
      required: true,
    });
  });

  it("accepts config for the events Argyle's API accepts it for (catalog.md §1.1), plus verifications.updated", () => {
    const accepted = argyleWebhookEvents.filter((e) => e.config.supported).map((e) => e.event);
    // The list quoted from a real 400 answer of Argyle's API, as the catalog records it, and the addendum's
    // verifications.updated, whose include_resource Argyle documents (addendum §1.1; the conflict is settled in
    // the spec file's header).
    expect(accepted).toEqual(
      [
        ...catalog.subscription_request.config_allowed_events_per_real_api_error,
        "verifications.updated",
      ].sort(),
    );
    expect(accepted).toHaveLength(10);
    expect(argyleWebhookEvents.find((e) => e.event === "verifications.updated")?.config.fields).toEqual([
      "include_resource",
    ]);
  });

  it("every field the catalog and addendum mark always present is required; optional ones are not", () => {
    let checked = 0;
    for (const e of [...catalog.families, ...addendum.families].flatMap((f) => f.events)) {
      for (const field of e.payload_fields ?? []) {
        if (!field.path.startsWith("data.") || field.optional === null || field.optional === undefined)
          continue;
        const generated = manifest.events[e.event]?.fields[field.path];
        expect(generated, `${e.event} ${field.path}`).toBeDefined();
        expect(generated?.required === true, `${e.event} ${field.path} required`).toBe(!field.optional);
        if (field.nullable) expect(generated?.nullable, `${e.event} ${field.path} nullable`).toBe(true);
        checked++;
      }
    }
    // 119 always-present data fields in 29 events of the catalog, 14 in 5 addendum events, and the optional
    // data.resource of accounts.added|connected|failed|updated, direct_deposit_switches.* and verifications.updated.
    expect(checked).toBe(119 + 14 + 7);
  });

  it("*.added dates are date-times, required and not nullable, the same in gigs, paystubs and shifts", () => {
    for (const event of ["gigs.added", "paystubs.added", "shifts.added"]) {
      for (const f of ["available_from", "available_to", "added_from", "added_to"]) {
        expect(manifest.events[event]?.fields[`data.${f}`], `${event} ${f}`).toEqual({
          type: "string",
          format: "date-time",
          required: true,
        });
      }
      const v = esmValidators[event as "gigs.added"];
      const base = argyleWebhookExamples[event as "gigs.added"];
      expect(v({ ...base, data: { ...base.data, available_from: "yesterday" } }), event).toBe(false);
      expect(v({ ...base, data: { ...base.data, added_to: null } }), event).toBe(false);
    }
  });
});

describe.each(argyleWebhookEventNames)("%s", (event) => {
  const validate = esmValidators[event];
  const example = argyleWebhookExamples[event];

  it("its example validates (ESM and CJS validators agree)", () => {
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(cjsValidators[event](example)).toBe(true);
  });

  it("the same message with a field of the wrong type fails", () => {
    // Every leaf whose type the spec declares (free-form objects such as data.resource are not typed deeper).
    const declared = manifest.events[event]?.fields ?? {};
    const typed = leaves(example.data).filter(
      ([path, v]) => v !== null && `data.${path.join(".")}` in declared,
    );
    expect(typed.length).toBeGreaterThan(0);
    for (const [path, value] of typed) {
      const bad = withValue(example, ["data", ...path], wrongType(value));
      expect(validate(bad), `data.${path.join(".")}`).toBe(false);
    }
    expect(validate({ ...example, event: "other.event" })).toBe(false);
    expect(validate({ ...example, data: "x" })).toBe(false);
  });
});

describe("real delivery shapes", () => {
  const observed = catalog.families.flatMap((f) => f.events).filter((e) => e.example_payload_observed);

  it.each(observed.map((e) => [e.event, e.example_payload_observed?.json] as const))(
    "observed %s validates",
    (event, json) => {
      const validate = esmValidators[event as keyof typeof esmValidators];
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      // Pretty-printed and re-parsed bodies are the same message.
      expect(validate(JSON.parse(JSON.stringify(json, null, 2)))).toBe(true);
    },
  );

  it("null dates and the undocumented item_id in gigs.partially_synced validate", () => {
    const real = {
      event: "gigs.partially_synced",
      name: "tdooner-e2e-partial",
      data: {
        account: "019c0b39-0b68-fb0c-9282-57302afa2ed2",
        user: "019c0b39-021f-1499-2601-4988ca1a95bb",
        item_id: "item_000029932",
        available_from: null,
        available_to: null,
        available_count: 0,
        days_synced: 140,
      },
    };
    expect(esmValidators["gigs.partially_synced"](real)).toBe(true);
    expect(
      esmValidators["gigs.partially_synced"]({ ...real, data: { ...real.data, surprise: { x: 1 } } }),
    ).toBe(true);
  });

  it("the published shifts.partially_synced example, with its invalid timestamps, is rejected", () => {
    const spec = parse(
      readFileSync(join(root, "openapi/shifts-webhooks-partially-synced.yaml"), "utf8"),
    ) as Json;
    const text = JSON.stringify(spec);
    expect(text).toContain("2023-01-02T0:000:00Z");
    const published = {
      ...argyleWebhookExamples["shifts.partially_synced"],
      data: {
        ...argyleWebhookExamples["shifts.partially_synced"].data,
        available_from: "2023-01-02T0:000:00Z",
        available_to: "2023-03-03T0:000:00Z",
      },
    };
    expect(esmValidators["shifts.partially_synced"](published)).toBe(false);
    expect(argyleWebhookExamples["shifts.partially_synced"].data.available_from).toBe("2023-01-02T00:00:00Z");
  });

  it("checks date-time calendars and uuids", () => {
    const v = esmValidators["gigs.added"];
    const base = argyleWebhookExamples["gigs.added"];
    const at = (available_from: unknown) => v({ ...base, data: { ...base.data, available_from } });
    expect(at("2024-02-29T10:00:00.123456Z")).toBe(true);
    expect(at("2024-01-01T00:00:00+05:30")).toBe(true);
    expect(at("2023-02-29T10:00:00Z")).toBe(false);
    expect(at("2023-01-01")).toBe(false);
    expect(at("2023-01-01T25:00:00Z")).toBe(false);
    expect(v({ ...base, data: { ...base.data, account: "not-a-uuid" } })).toBe(false);
  });
});

describe("determinism and packaging", () => {
  it("two generations are byte-identical and equal to the committed generated/", async () => {
    // fresh: two real generations, not the second returning the first's files.
    const a = await generate({ specDir: join(root, "openapi"), root, fresh: true });
    const b = await generate({ specDir: join(root, "openapi"), root, fresh: true });
    expect([...a.entries()]).toEqual([...b.entries()]);
    for (const [name, text] of a)
      expect(readFileSync(join(root, "generated", name), "utf8"), name).toBe(text);
  });

  it("every generated source carries the do-not-edit banner", () => {
    for (const name of [
      "index.ts",
      "types.ts",
      "registry.ts",
      "handlers.ts",
      "examples.ts",
      "openapi.ts",
      "validators.mjs",
      "validators.cjs",
    ]) {
      expect(readFileSync(join(root, "generated", name), "utf8").split("\n")[0]).toMatch(
        /Generated by `npm run codegen`.*do not edit/,
      );
    }
  });

  it("the validators load as ESM and CJS in a bare node process, without AJV", () => {
    for (const file of ["validators.mjs", "validators.cjs"]) {
      const text = readFileSync(join(root, "generated", file), "utf8");
      expect(text).not.toMatch(/require\(["']ajv/);
      expect(text).not.toMatch(/from ["']ajv/);
    }
    // Copied outside the repository, where no node_modules can be found: a require of AJV would fail here.
    const dir = tempDir("validators-");
    for (const file of ["validators.mjs", "validators.cjs"])
      copyFileSync(join(root, "generated", file), join(dir, file));
    const script = `
      const { validators } = require("./validators.cjs");
      import("./validators.mjs").then((esm) => console.log(Object.keys(validators).length, Object.keys(esm.validators).length));`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: dir }).toString().trim();
    expect(out).toBe("46 46");
  });
});

describe("the overlay survives a fresh copy of Argyle's file", () => {
  it("re-serialised and re-worded shifts.partially_synced spec still gets its corrections", async () => {
    const dir = tempDir("fresh-copy-");
    for (const file of readdirSync(join(root, "openapi")))
      copyFileSync(join(root, "openapi", file), join(dir, file));
    // A "fresh copy from Argyle": same content, different formatting and wording, the same invalid example timestamps.
    const file = "shifts-webhooks-partially-synced.yaml";
    const fresh = parse(readFileSync(join(dir, file), "utf8")) as { info: { description: string } };
    fresh.info.description = "Sent when shifts are added, updated, or removed (reworded by Argyle).";
    writeFileSync(join(dir, file), stringify(fresh, { indent: 4, lineWidth: 0 }));
    const out = await generate({ specDir: dir, root });
    const freshManifest = JSON.parse(out.get("manifest.json") ?? "{}") as {
      events: Record<string, { corrections: string[] }>;
    };
    expect(freshManifest.events["shifts.partially_synced"]?.corrections).toEqual([
      "synced-dates-nullable",
      "shifts-partially-synced-example-timestamps",
      "account-user-always-sent",
      "synced-availability-always-sent",
      "partially-synced-days-always-sent",
    ]);
    const fields = (
      JSON.parse(out.get("manifest.json") ?? "{}") as {
        events: Record<string, { fields: Record<string, { required?: boolean }> }>;
      }
    ).events["shifts.partially_synced"]?.fields;
    expect(fields?.["data.days_synced"]?.required).toBe(true);
    expect(out.get("examples.ts")).toContain('"2023-01-02T00:00:00Z"');
    expect(out.get("examples.ts")).not.toContain("T0:000:00Z");
  });
});

describe("Argyle's published files", () => {
  // SHA-256 of the three files exactly as Argyle publishes them (../shared/argyle-docs/openapi/ when written):
  // a formatter or a hand edit that touches them fails here.
  it.each([
    [
      "gigs-webhooks-partially-synced.yaml",
      "c7b7ae0955dd10c4e64b1f7f71b193dbdd20394178335398114759f360fd3a31",
    ],
    ["gigs-webhooks-updated.yaml", "b4a14bba00a276008d9701d6701da043319e755f59e2477ba9e4284d8b3f4470"],
    ["users-webhooks.yaml", "99e11ae727543b8ab9c181d8717c036bc0c514119b79ea657832535e3af1d8bb"],
  ])("%s is kept byte for byte", (file, sha256) => {
    expect(
      createHash("sha256")
        .update(readFileSync(join(root, "openapi", file)))
        .digest("hex"),
    ).toBe(sha256);
  });
});
