import {
  type ArgyleSubscriptionSpec,
  ArgyleSyncError,
  createArgyleClient,
  defineSubscription,
} from "@argyle-webhooks/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeArgyleApi, startFakeArgyleApi } from "./fake-argyle-api.js";

const url = "https://example.com/webhooks/argyle";
const SECRET = "whsec-sync-secret-never-printed";
let api: FakeArgyleApi;

beforeEach(async () => {
  api = await startFakeArgyleApi();
});
afterEach(async () => {
  await api.close();
});

const client = () =>
  createArgyleClient({
    apiKeyId: api.apiKeyId,
    apiKeySecret: api.apiKeySecret,
    environment: api.baseUrl,
    retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 },
  });

function desired(): ArgyleSubscriptionSpec[] {
  return [
    defineSubscription({
      events: ["gigs.partially_synced"],
      name: "svc:gigs",
      url,
      secret: SECRET,
      config: { days_synced: 60 },
    }),
    defineSubscription({
      events: ["users.fully_synced"],
      name: "svc:users",
      url: `${url}/v2`,
      secret: SECRET,
    }),
    defineSubscription({
      events: ["accounts.connected", "accounts.failed"],
      name: "svc:accounts",
      url,
      config: { include_resource: true },
    }),
  ];
}

function seedExisting() {
  api.seed(
    // identical to the desired one
    { name: "svc:gigs", events: ["gigs.partially_synced"], url, secret: SECRET, config: { days_synced: 60 } },
    // the url changed
    { name: "svc:users", events: ["users.fully_synced"], url, secret: SECRET },
    // no longer wanted
    { name: "svc:old", events: ["paystubs.added"], url },
    // not ours
    { name: "other-team:all", events: ["*"], url },
  );
}

const mutations = () => api.requests.filter((r) => r.method !== "GET");

describe("webhooks.sync()", () => {
  it("plans create, replace, delete and keep, and a dry run changes nothing", async () => {
    seedExisting();
    const before = structuredClone(api.store);
    const printed: string[] = [];
    const plan = await client().webhooks.sync(desired(), {
      prefix: "svc:",
      dryRun: true,
      print: (text) => printed.push(text),
    });
    expect(plan.steps.map((s) => [s.action, s.name])).toEqual([
      ["keep", "svc:gigs"],
      ["replace", "svc:users"],
      ["create", "svc:accounts"],
      ["delete", "svc:old"],
    ]);
    expect(plan.steps[1]?.changes).toEqual([`url: ${url} -> ${url}/v2`]);
    expect(plan.applied).toBe(false);
    expect(mutations()).toHaveLength(0);
    expect(api.store).toEqual(before);
    const text = printed.join("\n");
    expect(text).toContain("dry run");
    expect(text).toContain("~ replace svc:users");
    expect(text).toContain("1 to create, 1 to replace, 1 to delete, 1 unchanged.");
    expect(text).not.toContain(SECRET);
    expect(JSON.stringify(plan)).not.toContain(SECRET);
  });

  it("applies the plan, leaves other prefixes alone, and is idempotent", async () => {
    seedExisting();
    const keptId = api.store[0]?.id;
    const plan = await client().webhooks.sync(desired(), { prefix: "svc:", print: false });
    expect(plan.applied).toBe(true);
    const byName = new Map(api.store.map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(["other-team:all", "svc:accounts", "svc:gigs", "svc:users"]);
    expect(byName.get("svc:gigs")?.id).toBe(keptId);
    expect(byName.get("svc:users")).toMatchObject({ url: `${url}/v2`, secret: SECRET });
    expect(byName.get("svc:accounts")).toMatchObject({
      events: ["accounts.connected", "accounts.failed"],
      config: { include_resource: true },
    });
    expect(plan.steps.find((s) => s.name === "svc:users")?.createdId).toBe(byName.get("svc:users")?.id);
    // the replacement was created before the old one was deleted (no gap in deliveries)
    const order = mutations().map((r) => r.method);
    expect(order).toEqual(["POST", "POST", "DELETE", "DELETE"]);

    api.requests.length = 0;
    const again = await client().webhooks.sync(desired(), { prefix: "svc:", print: false });
    expect(again.steps.every((s) => s.action === "keep")).toBe(true);
    expect(mutations()).toHaveLength(0);
  });

  it("replaces a subscription whose secret changed without printing either secret", async () => {
    api.seed({ name: "svc:users", events: ["users.fully_synced"], url, secret: "old-secret-value" });
    const printed: string[] = [];
    const plan = await client().webhooks.sync(
      [{ events: ["users.fully_synced"], name: "svc:users", url, secret: SECRET }],
      { prefix: "svc:", print: (t) => printed.push(t) },
    );
    expect(plan.steps[0]?.changes).toEqual(["secret changed"]);
    expect(api.store.map((s) => s.secret)).toEqual([SECRET]);
    expect(printed.join("\n")).not.toMatch(/old-secret-value|whsec-sync-secret/);
  });

  it("refuses invalid desired subscriptions before any request", async () => {
    const bad = [
      { events: ["gigs.added"], name: "svc:a", url, config: { days_synced: 5 } },
      { events: ["users.fully_synced"], name: "elsewhere:b", url },
      { events: ["items.updated"], name: "svc:c", url },
      { events: ["*"], name: "svc:d", url, config: { include_resource: true } },
    ];
    await expect(client().webhooks.sync(bad, { prefix: "svc:", print: false })).rejects.toThrow(
      /config is not accepted by gigs\.added[\s\S]*does not start with the prefix[\s\S]*items\.updated requires config[\s\S]*config cannot be combined with "\*"/,
    );
    await expect(client().webhooks.sync([], { prefix: "", print: false })).rejects.toThrow(
      /non-empty prefix/,
    );
    expect(api.requests).toHaveLength(0);
  });

  it("reports where it stopped when Argyle fails mid-way", async () => {
    seedExisting();
    api.script("DELETE *", ...Array.from({ length: 4 }, () => ({ status: 500 })));
    const error = await client()
      .webhooks.sync(desired(), { prefix: "svc:", print: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArgyleSyncError);
    const syncError = error as ArgyleSyncError;
    expect(syncError.failedStep).toMatchObject({ action: "replace", name: "svc:users" });
    expect(syncError.plan.applied).toBe(false);
    expect(syncError.plan.steps.find((s) => s.name === "svc:accounts")?.createdId).toBeDefined();
  });
});
