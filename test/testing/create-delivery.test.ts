import { execFileSync } from "node:child_process";
import { argyleWebhookEventNames, verifyArgyleSignature } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import { validators } from "@argyle-webhooks/core/validators";
import {
  createDelivery,
  formatReplayLine,
  mergeOverrides,
  parseReplayLines,
  selectArgyleEvents,
  signArgylePayload,
  signDelivery,
} from "@argyle-webhooks/testing";
import { describe, expect, it } from "vitest";
import { setPath } from "../../packages/testing/src/set-path.js";

const secret = "whsec-test-7f3a";

function openssl(body: string | Uint8Array, key: string): string {
  const out = execFileSync("openssl", ["dgst", "-sha512", "-hmac", key], { input: body }).toString("utf8");
  return out.trim().split(/\s+/).pop() as string;
}

describe("createDelivery", () => {
  it("signs the exact body bytes: core and openssl agree with the header", () => {
    const delivery = createDelivery("gigs.partially_synced", { secret });
    const signature = delivery.headers["x-argyle-signature"];
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyArgyleSignature(delivery.bytes, signature, secret)).toBe(true);
    expect(verifyArgyleSignature(delivery.body, signature, "another-secret")).toBe(false);
    expect(openssl(delivery.bytes, secret)).toBe(signature);
    expect(Buffer.from(delivery.bytes).toString("utf8")).toBe(delivery.body);
    expect(delivery.headers["content-type"]).toBe("application/json");
  });

  it("serialises like Argyle by default: 2-space indent, no trailing newline; compact on request", () => {
    const pretty = createDelivery("users.fully_synced", { secret });
    expect(pretty.body).toBe(JSON.stringify(argyleWebhookExamples["users.fully_synced"], null, 2));
    expect(pretty.body.endsWith("}")).toBe(true);
    expect(pretty.body).toContain('\n  "data": {\n    "user": ');

    const compact = createDelivery("users.fully_synced", undefined, { secret, pretty: false });
    expect(compact.body).toBe(JSON.stringify(argyleWebhookExamples["users.fully_synced"]));
    expect(compact.headers["x-argyle-signature"]).not.toBe(pretty.headers["x-argyle-signature"]);
    expect(openssl(compact.body, secret)).toBe(compact.headers["x-argyle-signature"]);
  });

  it("deep-merges overrides: objects merge, arrays and null replace, undefined removes", () => {
    const example = argyleWebhookExamples["gigs.updated"];
    const delivery = createDelivery(
      "gigs.updated",
      { name: "prod-hooks", data: { updated_count: 1, updated_gigs: ["g-1"], updated_to: undefined } },
      { secret },
    );
    const sent = JSON.parse(delivery.body) as Record<string, Record<string, unknown>>;
    expect(sent.name).toBe("prod-hooks");
    expect(sent.data?.updated_count).toBe(1);
    expect(sent.data?.updated_gigs).toEqual(["g-1"]);
    expect(sent.data && "updated_to" in sent.data).toBe(false);
    expect(sent.data?.account).toBe(example.data.account);
    expect(delivery.message.data.updated_gigs).toEqual(["g-1"]);
    // the example itself is untouched
    expect(example.data.updated_gigs).toHaveLength(2);
    expect(mergeOverrides({ a: { b: 1, c: [1, 2] } }, { a: { c: null } })).toEqual({ a: { b: 1, c: null } });
  });

  it("refuses an event outside the catalog and points to signDelivery", () => {
    expect(() => createDelivery("gigs.renamed" as "gigs.updated", { secret })).toThrow(/signDelivery/);
  });

  it("builds unsigned deliveries only when asked with secret: null", () => {
    const delivery = createDelivery("gigs.updated", { secret: null });
    expect(delivery.headers["x-argyle-signature"]).toBeUndefined();
    expect(() => createDelivery("gigs.updated", { secret: "" })).toThrow(/secret/);
  });

  it("produces, for every event in the registry, a delivery that core's validator accepts", () => {
    expect(argyleWebhookEventNames.length).toBeGreaterThan(0);
    for (const event of argyleWebhookEventNames) {
      const delivery = createDelivery(event, { secret });
      const validate = validators[event];
      const valid = validate(JSON.parse(delivery.body));
      expect({ event, valid, errors: validate.errors ?? null }).toEqual({ event, valid: true, errors: null });
      expect(delivery.event).toBe(event);
      expect(verifyArgyleSignature(delivery.body, delivery.headers["x-argyle-signature"], secret)).toBe(true);
    }
  });
});

describe("signDelivery", () => {
  it("signs messages outside the catalog, and raw strings byte for byte", () => {
    const unknown = signDelivery({ event: "gigs.renamed", name: "t", data: { gig: "g1" } }, { secret });
    expect(unknown.event).toBe("gigs.renamed");
    expect(openssl(unknown.body, secret)).toBe(unknown.headers["x-argyle-signature"]);

    const raw = '{"event":"gigs.updated" , "data":{}}\n';
    const signed = signDelivery(raw, { secret });
    expect(signed.body).toBe(raw);
    expect(signed.headers["x-argyle-signature"]).toBe(signArgylePayload(raw, secret));
  });

  it("counts bytes, not characters, for non-ASCII bodies", () => {
    const delivery = createDelivery(
      "users.fully_synced",
      { data: { resource: { external_id: "Zoë ✓" } } },
      { secret },
    );
    expect(delivery.bytes.byteLength).toBe(Buffer.byteLength(delivery.body, "utf8"));
    expect(openssl(delivery.bytes, secret)).toBe(delivery.headers["x-argyle-signature"]);
  });
});

describe("selectors, paths and replay lines", () => {
  it("expands event, family and all selectors in catalog order", () => {
    expect(selectArgyleEvents("all")).toEqual([...argyleWebhookEventNames]);
    const gigs = selectArgyleEvents("gigs.*");
    expect(gigs.length).toBeGreaterThan(0);
    expect(gigs.every((e) => e.startsWith("gigs."))).toBe(true);
    expect(selectArgyleEvents(["users.fully_synced", "gigs.updated,gigs.updated"])).toEqual(
      argyleWebhookEventNames.filter((e) => e === "gigs.updated" || e === "users.fully_synced"),
    );
    expect(() => selectArgyleEvents("gig.updated")).toThrow(/Unknown event "gig.updated"/);
    expect(() => selectArgyleEvents("nope.*")).toThrow(/No event family "nope"/);
  });

  it("sets values at dot paths, indexing arrays, refusing prototype keys", () => {
    const target = { data: { ids: ["a", "b"] } };
    setPath(target, "data.ids.1", "z");
    setPath(target, "data.new.deep", 3);
    expect(target).toEqual({ data: { ids: ["a", "z"], new: { deep: 3 } } });
    expect(() => setPath({}, "__proto__.polluted", true)).toThrow(/Invalid path/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("round-trips a delivery through a replay line byte for byte", () => {
    const delivery = createDelivery("gigs.updated", { secret });
    const line = formatReplayLine(delivery, { keepSignature: true });
    const [again] = parseReplayLines(`${line}\n\n`);
    expect(again?.body).toBe(delivery.body);
    expect(again?.headers["x-argyle-signature"]).toBe(delivery.headers["x-argyle-signature"]);
    expect(() => parseReplayLines('{"event":"gigs.updated","data":{}}')).toThrow(/line 1: .*secret/);
    expect(() => parseReplayLines('{"event":"gigs.updated","data":{}}\nnot json', { secret })).toThrow(
      /line 2/,
    );
  });
});
