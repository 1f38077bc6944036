import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type ArgyleWebhookContext,
  type ArgyleWebhookEventName,
  ArgyleWebhooks,
  argyleWebhookEventNames,
  signArgylePayload,
} from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import { describe, expect, it } from "vitest";

const SECRET = "reject-mode-secret";
const root = resolve(import.meta.dirname, "../..");
type Json = Record<string, unknown>;

interface CatalogEvent {
  event: string;
  [key: string]: unknown;
}
interface Catalog {
  families: { events: CatalogEvent[]; partner_variant?: { events: CatalogEvent[] } }[];
}
const read = (file: string) => JSON.parse(readFileSync(resolve(root, file), "utf8")) as Catalog;
const catalogs = {
  catalog: read("test/fixtures/argyle-catalog.json"),
  addendum: read("test/fixtures/argyle-catalog-addendum.json"),
};
const manifest = JSON.parse(readFileSync(resolve(root, "generated/manifest.json"), "utf8")) as {
  events: Record<string, { fields: Record<string, { required?: boolean; nullable?: boolean }> }>;
};

/** Every example message in a catalog: `example_payload*`, bare or as `{ source, json }`. */
function examplesOf(catalog: Catalog): { event: string; key: string; message: Json }[] {
  const out: { event: string; key: string; message: Json }[] = [];
  const events = catalog.families.flatMap((f) => [...f.events, ...(f.partner_variant?.events ?? [])]);
  for (const e of events) {
    for (const [key, value] of Object.entries(e)) {
      if (!key.startsWith("example_payload") || value === null || typeof value !== "object") continue;
      const message = "event" in value ? value : (value as { json?: unknown }).json;
      if (message && typeof message === "object") out.push({ event: e.event, key, message: message as Json });
    }
  }
  return out;
}

/** `data.resource.connection.status` -> the value's parent object and the key, in a copy of `message`. */
function at(message: Json, path: string): { copy: Json; parent: Json | undefined; key: string } {
  const copy = structuredClone(message);
  const keys = path.split(".");
  let node: unknown = copy;
  for (const k of keys.slice(0, -1)) node = node && typeof node === "object" ? (node as Json)[k] : undefined;
  const parent = node && typeof node === "object" && !Array.isArray(node) ? (node as Json) : undefined;
  return { copy, parent, key: keys[keys.length - 1] as string };
}

function make(validation: "reject" | "warn" | "off") {
  const ran: { event: string; context: ArgyleWebhookContext }[] = [];
  const webhooks = new ArgyleWebhooks({ secret: SECRET, validation, logger: false });
  webhooks.onAny((event, context) => {
    ran.push({ event: event.event, context });
  });
  const send = async (message: unknown) => {
    const body = JSON.stringify(message, null, 2);
    const res = await webhooks.receive({
      rawBody: body,
      headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, SECRET) },
    });
    return { ...res, json: JSON.parse(res.body || "{}") as Json };
  };
  return { webhooks, ran, send };
}

/** Adds unknown fields at the top, in `data` and in `data.resource` (Argyle "may add fields"). */
function withExtras(message: Json): Json {
  const copy = structuredClone(message);
  copy.delivered_by = "a future Argyle";
  const data = copy.data as Json;
  data.item_id = "item_000000001";
  data.future_field = { nested: [1, "two", null] };
  if (data.resource && typeof data.resource === "object") (data.resource as Json).future_key = null;
  return copy;
}

const requiredPaths = (event: string) =>
  Object.entries(manifest.events[event]?.fields ?? {})
    .filter(([path, f]) => f.required && path.startsWith("data.") && !path.includes("[]"))
    .map(([path]) => path);

describe("reject mode refuses a message without a field Argyle always sends, naming it", () => {
  const cases = argyleWebhookEventNames.flatMap((event) =>
    requiredPaths(event)
      .filter(
        (path) =>
          at(argyleWebhookExamples[event] as unknown as Json, path).parent?.[
            path.split(".").pop() as string
          ] !== undefined,
      )
      .map((path) => [event, path] as const),
  );

  it("covers every event: each has at least one required field present in its example", () => {
    const covered = new Set(cases.map(([event]) => event));
    expect([...argyleWebhookEventNames].filter((e) => !covered.has(e))).toEqual([]);
    expect(argyleWebhookEventNames).toHaveLength(46);
  });

  it.each(cases)("%s without %s: 422 naming the field, no handler ran", async (event, path) => {
    const { ran, send } = make("reject");
    const { copy, parent, key } = at(argyleWebhookExamples[event] as unknown as Json, path);
    if (parent) delete parent[key];
    const res = await send(copy);
    expect(res.status).toBe(422);
    const errors = res.json.errors as { path: string; message: string }[];
    const parentPath = `/${path.split(".").slice(0, -1).join("/")}`;
    expect(errors).toContainEqual({ path: parentPath, message: `must have required property '${key}'` });
    expect(res.body).toContain(`'${key}'`);
    expect(ran).toEqual([]);
  });

  it("identities.added without identity is refused (the issue's example)", async () => {
    const { send } = make("reject");
    const message = structuredClone(argyleWebhookExamples["identities.added"]) as unknown as Json;
    delete (message.data as Json).identity;
    const res = await send(message);
    expect(res.status).toBe(422);
    expect(res.body).toContain("identity");
  });
});

describe("reject mode still accepts every example Argyle documents", () => {
  const all = [
    ...examplesOf(catalogs.catalog).map((e) => ({ ...e, from: "catalog" })),
    ...examplesOf(catalogs.addendum).map((e) => ({ ...e, from: "addendum" })),
  ];
  // The one published example that breaks its own schema (catalog.md §5.1); the overlay corrects it.
  const published = all.filter(
    (e) => !(e.event === "shifts.partially_synced" && e.key === "example_payload"),
  );

  it("finds the examples of both catalogs, including the 7 new events' ones", () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
    const events = new Set(all.map((e) => e.event));
    for (const e of ["verifications.updated", "verifications.creation_failed", "user_uploads.added"])
      expect(events).toContain(e);
  });

  it.each(published.map((e) => [`${e.from} ${e.event} ${e.key}`, e] as const))(
    "%s, with unknown extra fields: 200, typed handler ran",
    async (_name, e) => {
      const { ran, send } = make("reject");
      const res = await send(withExtras(e.message));
      expect(res.status, res.body).toBe(200);
      expect(ran.map((r) => r.event)).toEqual([e.event]);
      expect(ran[0]?.context.validation).toEqual({ checked: true, valid: true, errors: [] });
    },
  );

  it("the shifts.partially_synced example is accepted once its invalid timestamps are corrected (overlay)", async () => {
    const { send } = make("reject");
    const original = all.find((e) => e.event === "shifts.partially_synced")?.message as Json;
    expect((await send(original)).status).toBe(422);
    expect((await send(argyleWebhookExamples["shifts.partially_synced"])).status).toBe(200);
  });

  it.each(
    argyleWebhookEventNames.flatMap((event) =>
      Object.entries(manifest.events[event]?.fields ?? {})
        .filter(([path, f]) => f.nullable && !path.includes("[]"))
        .filter(([path]) => {
          const { parent, key } = at(argyleWebhookExamples[event] as unknown as Json, path);
          return parent !== undefined && key in parent;
        })
        .map(([path]) => [event, path] as const),
    ),
  )("%s with %s: null (documented or observed) is accepted", async (event, path) => {
    const { send } = make("reject");
    const { copy, parent, key } = at(argyleWebhookExamples[event] as unknown as Json, path);
    if (parent) parent[key] = null;
    const res = await send(withExtras(copy));
    expect(res.status, res.body).toBe(200);
  });

  it("the documented nulls of the account object (connection errors, availability per data set) are accepted", async () => {
    const { send } = make("reject");
    const message = structuredClone(argyleWebhookExamples["accounts.added"]) as unknown as Json;
    const resource = (message.data as Json).resource as Json;
    expect((resource.connection as Json).error_code).toBeNull();
    expect(Object.values(resource.availability as Json).every((v) => v === null)).toBe(true);
    expect((await send(message)).status).toBe(200);
    // A populated availability entry as seen in a real accounts.updated delivery (catalog.md §2.1).
    (resource.availability as Json).paystubs = {
      status: "in_progress",
      updated_at: "2026-01-29T19:27:03.786704Z",
      available_count: 1,
      available_from: "2026-01-01T00:00:00Z",
      available_to: "2026-01-01T00:00:00Z",
    };
    expect((await send({ ...message, event: "accounts.updated" })).status).toBe(200);
    (resource.connection as Json).status = 42;
    expect((await send(message)).status).toBe(422);
  });
});

describe("warn mode: an invalid message reaches its handler, and the context says so and why", () => {
  const broken = (event: ArgyleWebhookEventName, field: string) => {
    const message = structuredClone(argyleWebhookExamples[event]) as unknown as Json;
    delete (message.data as Json)[field];
    return message;
  };

  it("context.validation is invalid, with the missing field in its errors", async () => {
    const { ran, send } = make("warn");
    const res = await send(broken("gigs.partially_synced", "account"));
    expect(res.status).toBe(200);
    const validation = ran[0]?.context.validation;
    expect(validation?.checked).toBe(true);
    expect(validation?.valid).toBe(false);
    expect(validation?.errors.map((e) => e.params)).toContainEqual({ missingProperty: "account" });
    expect(ran[0]?.context.validationErrors).toEqual(validation?.errors);
  });

  it("a valid message says valid; with validation off nothing is claimed", async () => {
    const warn = make("warn");
    await warn.send(argyleWebhookExamples["gigs.partially_synced"]);
    expect(warn.ran[0]?.context.validation).toEqual({ checked: true, valid: true, errors: [] });
    const off = make("off");
    await off.send(broken("gigs.partially_synced", "account"));
    expect(off.ran[0]?.context.validation).toEqual({ checked: false, valid: false, errors: [] });
  });

  it("an unknown event is not checked", async () => {
    const { ran, send } = make("warn");
    await send({ event: "payouts.added", name: "n", data: {} });
    expect(ran[0]?.context.validation.checked).toBe(false);
  });
});
