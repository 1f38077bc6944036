import { type ArgyleWebhookContext, ArgyleWebhooks, createMemoryDedupeStore } from "@argyle-webhooks/core";
import { describe, expect, it, vi } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";

const SECRET = "dispatch-secret";
const gigs = signedDelivery("gigs.partially_synced", SECRET);

function send(webhooks: ArgyleWebhooks, delivery = gigs) {
  return webhooks.receive({ rawBody: delivery.body, headers: delivery.headers });
}

describe("dispatch", () => {
  it("runs every handler of a delivery concurrently: handlers option, on(event), on(list), on(family.*), onAny", async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const wait = (name: string) => async () => {
      started.push(name);
      await gate;
    };
    const webhooks = new ArgyleWebhooks({
      secret: SECRET,
      logger: false,
      handlers: { onGigsPartiallySynced: wait("option") },
    });
    webhooks.on("gigs.partially_synced", wait("on"));
    webhooks.on(["gigs.added", "gigs.partially_synced"], wait("list"));
    webhooks.on("gigs.*", wait("family"));
    webhooks.on("accounts.*", wait("other-family"));
    webhooks.onAny(wait("any"));
    const pending = send(webhooks);
    // All five start while none can finish (the gate is closed): sequential dispatch would stall at the first.
    await vi.waitFor(() => expect(started).toHaveLength(5));
    expect(started.sort()).toEqual(["any", "family", "list", "on", "option"]);
    release();
    expect((await pending).status).toBe(200);
  });

  it("removeListener stops a handler", async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
    let n = 0;
    const handler = () => {
      n++;
    };
    webhooks.on("gigs.*", handler).onAny(handler);
    await send(webhooks);
    webhooks.removeListener("gigs.*", handler).removeListener("*", handler);
    await send(webhooks);
    expect(n).toBe(2);
  });

  it("gives handlers the raw body, headers, matched secret index, subscription and a content-derived delivery key", async () => {
    const contexts: ArgyleWebhookContext[] = [];
    const webhooks = new ArgyleWebhooks({ secret: ["old", SECRET], logger: false });
    webhooks.onGigsPartiallySynced((_e, ctx) => {
      contexts.push(ctx);
    });
    await send(webhooks);
    await send(webhooks);
    const [a, b] = contexts;
    expect(Buffer.from(a?.rawBody ?? []).toString()).toBe(gigs.body);
    expect(a?.headers["x-argyle-signature"]).toBe(gigs.headers["x-argyle-signature"]);
    expect(a?.secretIndex).toBe(1);
    expect(a?.subscription).toBe("name-for-the-webhook-subscription");
    expect(a?.deliveryKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a?.deliveryKey).toBe(b?.deliveryKey);
    expect(a?.validationErrors).toBeUndefined();
  });
});

describe("secrets", () => {
  it("picks the subscription's secrets by the message name, with `secret` as fallback", async () => {
    const webhooks = new ArgyleWebhooks({
      secrets: { "name-for-the-webhook-subscription": ["rotated", "sub-secret"], other: "other-secret" },
      secret: "fallback",
      logger: false,
    });
    const indexes: (number | undefined)[] = [];
    webhooks.onAny((_e, ctx) => {
      indexes.push(ctx.secretIndex);
    });
    expect((await send(webhooks, signedDelivery("gigs.partially_synced", "sub-secret"))).status).toBe(200);
    expect((await send(webhooks, signedDelivery("gigs.partially_synced", "fallback"))).status).toBe(200);
    // Signed with another subscription's secret: not accepted for this name.
    expect((await send(webhooks, signedDelivery("gigs.partially_synced", "other-secret"))).status).toBe(401);
    expect(indexes).toEqual([1, 2]);
  });

  it("tries every secret when the name has no entry and there is no fallback", async () => {
    const webhooks = new ArgyleWebhooks({ secrets: { a: "secret-a", b: "secret-b" }, logger: false });
    const unnamed = signedDelivery("gigs.partially_synced", "secret-b", (m) => {
      m.name = "renamed-in-console";
    });
    expect((await send(webhooks, unnamed)).status).toBe(200);
    expect((await send(webhooks, signedDelivery("gigs.partially_synced", "nope"))).status).toBe(401);
  });

  it("unsigned: accepts deliveries without a signature and warns once at construction", async () => {
    const warnings: string[] = [];
    const webhooks = new ArgyleWebhooks({ unsigned: true, logger: { warn: (m) => warnings.push(m) } });
    let n = 0;
    webhooks.onAny(() => {
      n++;
    });
    const { body } = gigs;
    expect(
      (await webhooks.receive({ rawBody: body, headers: { "content-type": "application/json" } })).status,
    ).toBe(200);
    expect(
      (await webhooks.receive({ rawBody: body, headers: { "content-type": "application/json" } })).status,
    ).toBe(200);
    expect(n).toBe(2);
    expect(warnings.filter((w) => w.includes("unsigned"))).toHaveLength(1);
  });
});

describe("validation modes", () => {
  const invalid = signedDelivery("gigs.partially_synced", SECRET, (m) => {
    (m.data as Record<string, unknown>).available_count = "many";
  });

  it("warn (default): dispatches, reports to onInvalid and puts the errors in the context", async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
    const reported: unknown[] = [];
    let seen: readonly unknown[] | undefined;
    webhooks.onInvalid((_e, errors) => {
      reported.push(...errors);
    });
    webhooks.onGigsPartiallySynced((_e, ctx) => {
      seen = ctx.validationErrors;
    });
    expect((await send(webhooks, invalid)).status).toBe(200);
    expect(reported).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });

  it("reject: 422, onInvalid told, handlers not run", async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false, validation: "reject" });
    let ran = false;
    let reported = 0;
    webhooks.onInvalid(() => {
      reported++;
    });
    webhooks.onGigsPartiallySynced(() => {
      ran = true;
    });
    expect((await send(webhooks, invalid)).status).toBe(422);
    expect(ran).toBe(false);
    expect(reported).toBe(1);
  });

  it("off: no validation at all", async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false, validation: "off" });
    let reported = 0;
    webhooks.onInvalid(() => {
      reported++;
    });
    expect((await send(webhooks, invalid)).status).toBe(200);
    expect(reported).toBe(0);
  });

  it("accepts real delivery shapes: nulls, undocumented fields, pretty-printed", async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false, validation: "reject" });
    const real = signedDelivery("gigs.partially_synced", SECRET, (m) => {
      m.name = "tdooner-e2e-partial";
      m.data = {
        account: "019c0b39-0b68-fb0c-9282-57302afa2ed2",
        user: "019c0b39-021f-1499-2601-4988ca1a95bb",
        item_id: "item_000029932",
        available_from: null,
        available_to: null,
        available_count: 0,
        days_synced: 140,
      };
    });
    expect((await send(webhooks, real)).status).toBe(200);
  });
});

describe("dedupe", () => {
  it("answers 200 to a repeated delivery without running handlers again; a failed one may be retried", async () => {
    let n = 0;
    let fail = true;
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false, dedupe: true });
    webhooks.onGigsPartiallySynced(() => {
      n++;
      if (fail) throw new Error("transient");
    });
    expect((await send(webhooks)).status).toBe(500);
    fail = false;
    expect((await send(webhooks)).status).toBe(200);
    const dup = await send(webhooks);
    expect(dup.status).toBe(200);
    expect(JSON.parse(dup.body)).toEqual({ ok: true, duplicate: true });
    expect(n).toBe(2);
  });

  it("the memory store forgets after its TTL and stays within its size bound", () => {
    let now = 0;
    const store = createMemoryDedupeStore({ ttlMs: 100, maxEntries: 3, now: () => now });
    expect(store.seen("a")).toBe(false);
    expect(store.seen("a")).toBe(true);
    now = 101;
    expect(store.seen("a")).toBe(false);
    for (const k of ["b", "c", "d", "e"]) store.seen(k);
    expect(store.size).toBe(3);
    expect(store.seen("b")).toBe(false);
  });
});
