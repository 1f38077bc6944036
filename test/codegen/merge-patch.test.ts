// Issue 20 item 8: the overlay's merge patch and `required:` keyword, tested directly (no generation run).
import { describe, expect, it } from "vitest";
import type { JsonObject, SpecEvent } from "../../scripts/codegen/load-specs.js";
import { applyOverlay, type Correction, mergePatch, requireFields } from "../../scripts/codegen/overlay.js";
import { SpecError } from "../../scripts/codegen/spec-error.js";

describe("mergePatch (RFC 7396)", () => {
  // The examples of RFC 7396 appendix A: target, patch, result.
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [
      ["a", "b"],
      ["c", "d"],
      ["c", "d"],
    ],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("%j patched with %j is %j", (target, patch, result) => {
    expect(mergePatch(target, patch)).toEqual(result);
  });

  it("null deletes a key at any depth, and deleting a key that is not there changes nothing", () => {
    const schema = { type: "object", properties: { data: { properties: { a: { type: "string" }, b: {} } } } };
    expect(mergePatch(schema, { properties: { data: { properties: { a: null, missing: null } } } })).toEqual({
      type: "object",
      properties: { data: { properties: { b: {} } } },
    });
  });

  it("arrays are replaced whole, never merged item by item (an enum or required list is the patch's)", () => {
    const schema = { required: ["a", "b"], enum: [{ x: 1 }, { y: 2 }] };
    expect(mergePatch(schema, { required: ["c"], enum: [{ x: null }] })).toEqual({
      required: ["c"],
      enum: [{ x: null }], // a null inside an array is a value, not a deletion
    });
  });

  it("nested objects merge: siblings at every level are kept, only the named leaves change", () => {
    const schema = {
      properties: {
        data: {
          type: "object",
          properties: { available_from: { type: "string", format: "date-time" }, count: { type: "integer" } },
        },
        event: { type: "string" },
      },
    };
    expect(
      mergePatch(schema, { properties: { data: { properties: { available_from: { nullable: true } } } } }),
    ).toEqual({
      properties: {
        data: {
          type: "object",
          properties: {
            available_from: { type: "string", format: "date-time", nullable: true },
            count: { type: "integer" },
          },
        },
        event: { type: "string" },
      },
    });
  });

  it("a key named __proto__ (as YAML and JSON.parse give it) is an own property, not the result's prototype", () => {
    const patch = JSON.parse(
      '{"properties":{"__proto__":{"type":"string"},"constructor":{"type":"integer"}}}',
    );
    const out = mergePatch({ properties: { a: {} } }, patch) as { properties: JsonObject };
    expect(Object.keys(out.properties)).toEqual(["a", "__proto__", "constructor"]);
    expect(Object.getPrototypeOf(out.properties)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe(
      '{"properties":{"a":{},"__proto__":{"type":"string"},"constructor":{"type":"integer"}}}',
    );
    const merged = mergePatch(out, JSON.parse('{"properties":{"__proto__":{"format":"uuid"}}}')) as {
      properties: Record<string, JsonObject>;
    };
    expect(Object.getOwnPropertyDescriptor(merged.properties, "__proto__")?.value).toEqual({
      type: "string",
      format: "uuid",
    });
    expect(({} as { type?: unknown }).type).toBeUndefined(); // nothing leaked onto Object.prototype
  });

  it("leaves the target and the patch untouched, and shares no object with the patch", () => {
    const target = { a: { b: 1 }, list: [1] };
    const patch = { a: { c: { d: 2 } }, list: [2, { e: 3 }] };
    const before = structuredClone({ target, patch });
    const out = mergePatch(target, patch) as { a: { c: { d: number } }; list: unknown[] };
    expect({ target, patch }).toEqual(before);
    out.a.c.d = 99;
    (out.list[1] as { e: number }).e = 99;
    expect(patch).toEqual(before.patch);
  });
});

const correction = (required: string[], id = "c1"): Correction => ({
  id,
  events: ["gigs.updated"],
  evidence: ["test"],
  required,
  source: { file: "openapi/argyle-webhooks.overlay.yaml", at: "/corrections/3" },
});

const message = (): JsonObject => ({
  type: "object",
  required: ["event"],
  properties: {
    event: { type: "string" },
    data: {
      type: "object",
      properties: {
        account: { type: "string" },
        user: { type: "string" },
        resource: {
          type: "object",
          properties: { connection: { type: "object", properties: { status: {} } } },
        },
        items: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
        matrix: {
          type: "array",
          items: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
        },
        tags: { type: "array", items: { type: "string" } },
      },
    },
  },
});

const at = (schema: JsonObject, ...path: string[]) =>
  path.reduce<unknown>((node, key) => (node as JsonObject)[key], schema) as JsonObject;

describe("the overlay's required: keyword (requireFields)", () => {
  it("adds each path's last property to its parent's required list, creating the list when there is none", () => {
    const out = requireFields(message(), ["data.account", "data.user", "event"], correction([]));
    expect(at(out, "properties", "data").required).toEqual(["account", "user"]);
    expect(out.required).toEqual(["event"]); // already required: not listed twice
  });

  it("follows nested objects and [] into array items, once per []", () => {
    const out = requireFields(
      message(),
      ["data.resource.connection.status", "data.items[].id", "data.matrix[][].id"],
      correction([]),
    );
    expect(
      at(out, "properties", "data", "properties", "resource", "properties", "connection").required,
    ).toEqual(["status"]);
    expect(at(out, "properties", "data", "properties", "items", "items").required).toEqual(["id"]);
    expect(at(out, "properties", "data", "properties", "matrix", "items", "items").required).toEqual(["id"]);
    expect(at(out, "properties", "data").required).toBeUndefined(); // only the leaves' parents change
  });

  it("does not change the schema it is given", () => {
    const schema = message();
    const before = structuredClone(schema);
    requireFields(schema, ["data.account"], correction([]));
    expect(schema).toEqual(before);
  });

  it.each([
    ["data.acount", "the schema defines no property data.acount"],
    ["data.account.id", "the schema defines no property data.account.id"],
    ["nope", "the schema defines no property nope"],
    ["data.tags[].name", "the schema defines no property data.tags[].name"],
    ["data.account[].id", "data.account[] is not an array of objects"],
  ])("refuses %s, naming the overlay, the correction and the path's index", (path, why) => {
    const error = (() => {
      try {
        requireFields(message(), ["data.user", path], correction([]));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toBe(
      `openapi/argyle-webhooks.overlay.yaml#/corrections/3/required/1: correction "c1" requires ${path}, but ${why}`,
    );
  });
});

describe("applyOverlay", () => {
  const spec = (): SpecEvent => ({
    file: "openapi/gigs-webhooks-updated.yaml",
    event: "gigs.updated",
    family: "gigs",
    action: "updated",
    description: "",
    familyDescription: "",
    request: { type: "object", properties: { events: {} } },
    message: message(),
    example: { event: "gigs.updated", data: { account: "a", user: "u" } },
    sha256: "0",
  });

  it("patches the message first, so required: may name a field the same correction adds", () => {
    const c: Correction = {
      ...correction(["data.item_id"]),
      message: { properties: { data: { properties: { item_id: { type: "string" } } } } },
      example: { data: { item_id: "item_1", user: null } },
      request: { properties: { config: { type: "object" } } },
    };
    const { spec: out, applied } = applyOverlay(spec(), [c]);
    expect(applied).toEqual(["c1"]);
    expect(at(out.message, "properties", "data").required).toEqual(["item_id"]);
    expect(at(out.message, "properties", "data", "properties", "item_id")).toEqual({ type: "string" });
    expect(out.example).toEqual({ event: "gigs.updated", data: { account: "a", item_id: "item_1" } });
    expect(out.request).toEqual({ type: "object", properties: { events: {}, config: { type: "object" } } });
  });

  it("applies only the corrections naming the event, in file order, each on the result of the one before", () => {
    const first: Correction = { ...correction([], "first"), required: undefined, message: { title: "one" } };
    const other: Correction = { ...first, id: "other", events: ["gigs.added"], message: { title: "other" } };
    const last: Correction = { ...first, id: "last", message: { title: null, description: "two" } };
    const { spec: out, applied } = applyOverlay(spec(), [first, other, last]);
    expect(applied).toEqual(["first", "last"]);
    expect(out.message.title).toBeUndefined();
    expect(out.message.description).toBe("two");
  });

  it("an event no correction names comes back as it was", () => {
    const original = spec();
    const { spec: out, applied } = applyOverlay(original, [
      { ...correction(["data.account"]), events: ["gigs.added"] },
    ]);
    expect(applied).toEqual([]);
    expect(out).toEqual(spec());
  });
});
