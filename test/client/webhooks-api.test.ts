import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
  ArgyleApiError,
  ArgyleAuthError,
  ArgyleClientError,
  ArgyleNetworkError,
  ArgyleTimeoutError,
  ArgyleValidationError,
  checkSubscription,
  createArgyleClient,
} from "@argyle-webhooks/client";
import { argyleWebhookEvents } from "@argyle-webhooks/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONFIG_ALLOWED_EVENTS, type FakeArgyleApi, startFakeArgyleApi } from "./fake-argyle-api.js";

const url = "https://example.com/webhooks/argyle";
let api: FakeArgyleApi;

beforeEach(async () => {
  api = await startFakeArgyleApi();
});
afterEach(async () => {
  await api.close();
});

function client(overrides: Partial<Parameters<typeof createArgyleClient>[0]> = {}) {
  return createArgyleClient({
    apiKeyId: api.apiKeyId,
    apiKeySecret: api.apiKeySecret,
    environment: api.baseUrl,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

describe("environments", () => {
  it("defaults to the sandbox and knows production", () => {
    expect(createArgyleClient({ apiKeyId: "a", apiKeySecret: "b" }).baseUrl).toBe(
      "https://api-sandbox.argyle.com/v2",
    );
    expect(createArgyleClient({ apiKeyId: "a", apiKeySecret: "b", environment: "production" }).baseUrl).toBe(
      "https://api.argyle.com/v2",
    );
  });

  it("does not expose the API key secret when the client is logged", () => {
    const logged = inspect(client(), { depth: 10, showHidden: true });
    expect(logged).not.toContain(api.apiKeySecret);
    expect(JSON.stringify(client())).not.toContain(api.apiKeySecret);
  });

  it("refuses plain http to a non-loopback host, and missing credentials", () => {
    expect(() =>
      createArgyleClient({ apiKeyId: "a", apiKeySecret: "b", environment: "http://api.example.com/v2" }),
    ).toThrow(/https/);
    expect(() => createArgyleClient({ apiKeyId: "a", apiKeySecret: "" })).toThrow(/apiKeySecret/);
  });
});

describe("create, get, list, delete against the documented API", () => {
  it("creates with HTTP Basic auth and the request body the spec describes", async () => {
    const sub = await client().webhooks.create({
      events: ["gigs.partially_synced"],
      name: "svc:gigs",
      url,
      secret: "whsec-123456",
      config: { days_synced: 60 },
    });
    expect(sub).toMatchObject({
      name: "svc:gigs",
      events: ["gigs.partially_synced"],
      config: { days_synced: 60 },
      url,
    });
    const request = api.requests[0];
    expect(request?.authorization).toBe(
      `Basic ${Buffer.from(`${api.apiKeyId}:${api.apiKeySecret}`).toString("base64")}`,
    );
    expect(JSON.parse(request?.body ?? "")).toEqual({
      events: ["gigs.partially_synced"],
      name: "svc:gigs",
      url,
      secret: "whsec-123456",
      config: { days_synced: 60 },
    });
    expect(await client().webhooks.get(sub.id)).toEqual(sub);
  });

  it('sends "*" as ["*"]', async () => {
    await client().webhooks.create({ events: "*", name: "all", url });
    expect(JSON.parse(api.requests[0]?.body ?? "").events).toEqual(["*"]);
  });

  it("iterates every subscription across { next, previous, results } pages", async () => {
    api.seed(...Array.from({ length: 5 }, (_, i) => ({ name: `sub-${i}` })));
    const names: string[] = [];
    for await (const sub of client().webhooks.list()) names.push(sub.name);
    expect(names).toEqual(["sub-0", "sub-1", "sub-2", "sub-3", "sub-4"]);
    const pages = [];
    for await (const page of client().webhooks.list().pages()) pages.push(page);
    expect(pages.map((p) => p.results.length)).toEqual([2, 2, 1]);
    expect(pages[2]?.next).toBeNull();
    expect(pages[1]?.previous).toMatch(/page=1$/);
    expect(api.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual([
      "/v2/webhooks",
      "/v2/webhooks?page=2",
      "/v2/webhooks?page=3",
      "/v2/webhooks",
      "/v2/webhooks?page=2",
      "/v2/webhooks?page=3",
    ]);
    expect(api.requests.every((r) => r.authorization?.startsWith("Basic "))).toBe(true);
  });

  it("does not follow a next link to another origin (the API key would go with it)", async () => {
    api.seed({ name: "a" }, { name: "b" }, { name: "c" });
    api.overrideNext("https://attacker.example/v2/webhooks?page=2");
    const error = await rejection(client().webhooks.list().toArray());
    expect(error).toBeInstanceOf(ArgyleClientError);
    expect(error.message).toContain("refusing to follow");
  });

  it("deletes, and a later get is a 404 ArgyleApiError", async () => {
    const sub = await client().webhooks.create({ events: ["users.fully_synced"], name: "n", url });
    await client().webhooks.delete(sub.id);
    expect(api.store).toHaveLength(0);
    const error = await rejection(client().webhooks.get(sub.id));
    expect(error).toBeInstanceOf(ArgyleApiError);
    expect((error as ArgyleApiError).status).toBe(404);
  });
});

describe("Argyle's 400 format", () => {
  it("becomes an ArgyleValidationError carrying the field messages", async () => {
    const error = await rejection(
      client().webhooks.create({
        events: ["gigs.updated"],
        name: "n",
        url,
        secret: "whsec-never-shown",
        config: { days_synced: 5 },
      } as never),
    );
    expect(error).toBeInstanceOf(ArgyleValidationError);
    const fields = (error as ArgyleValidationError).fields;
    expect(fields).toEqual({ config: [`only allowed for ${CONFIG_ALLOWED_EVENTS.join(", ")}`] });
    expect(error.message).toContain("config: only allowed for accounts.added");
    expect(error.message).not.toContain("whsec-never-shown");
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("keeps every field's messages", async () => {
    const error = await rejection(
      client().webhooks.create({ events: ["gigs.added"], name: "", url: "" } as never),
    );
    expect((error as ArgyleValidationError).fields).toEqual({
      name: ["This field is required."],
      url: ["This field is required."],
    });
  });

  it("the events that accept config are exactly the API's list, in the registry and in checkSubscription()", async () => {
    // verifications.updated: Argyle documents include_resource but the API's list predates it (our registry accepts
    // it; if the API refuses, the user gets its explicit 400, checked below).
    const documentedOnly = "verifications.updated";
    expect(argyleWebhookEvents.filter((d) => d.config.supported).map((d) => d.event)).toEqual(
      [...CONFIG_ALLOWED_EVENTS, documentedOnly].sort(),
    );
    for (const definition of argyleWebhookEvents) {
      const field = definition.config.fields[0] ?? "include_resource";
      const value = field === "items" ? ["item_000000001"] : field === "days_synced" ? 30 : true;
      const spec = {
        events: [definition.event],
        name: `n-${definition.event}`,
        url,
        config: { [field]: value },
      };
      const accepted = await client()
        .webhooks.create(spec as never)
        .then(
          () => true,
          (error: unknown) =>
            error instanceof ArgyleValidationError && error.fields.config ? false : Promise.reject(error),
        );
      expect({ event: definition.event, accepted }).toEqual({
        event: definition.event,
        accepted: (CONFIG_ALLOWED_EVENTS as readonly string[]).includes(definition.event),
      });
      expect({ event: definition.event, problems: checkSubscription(spec).length === 0 }).toEqual({
        event: definition.event,
        problems: accepted || definition.event === documentedOnly,
      });
    }
  });
});

describe("401 and 403", () => {
  it("401 names the credentials to check and never prints the secret", async () => {
    const error = await rejection(
      client({ apiKeySecret: "wrong-secret-value-xyz" }).webhooks.list().toArray(),
    );
    expect(error).toBeInstanceOf(ArgyleAuthError);
    expect((error as ArgyleAuthError).status).toBe(401);
    expect((error as ArgyleAuthError).credential).toBe("apiKeyId/apiKeySecret");
    expect(error.message).toMatch(/ARGYLE_API_KEY_ID/);
    expect(error.message).toMatch(/ARGYLE_API_KEY_SECRET, not shown/);
    expect(error.message).not.toContain("wrong-secret-value-xyz");
    expect(error.message).not.toContain(api.apiKeyId);
    expect(JSON.stringify(error)).not.toContain("wrong-secret-value-xyz");
    // 401 is not retried
    expect(api.requests).toHaveLength(1);
  });

  it("403 points at the key's permissions", async () => {
    await api.close();
    api = await startFakeArgyleApi({ forbiddenKeyId: "restricted-key-id-42" });
    const error = await rejection(client({ apiKeyId: "restricted-key-id-42" }).webhooks.get("x"));
    expect(error).toBeInstanceOf(ArgyleAuthError);
    expect((error as ArgyleAuthError).credential).toBe("apiKeyId");
    expect(error.message).toContain("403");
    expect(error.message).not.toContain(api.apiKeySecret);
  });
});

describe("retries (idempotent calls only) and timeouts", () => {
  it("retries a 429 and then succeeds", async () => {
    api.seed({ name: "a" });
    api.script("GET /v2/webhooks", {
      status: 429,
      headers: { "retry-after": "0" },
      body: '{"detail":"Request was throttled."}',
    });
    const all = await client().webhooks.list().toArray();
    expect(all.map((s) => s.name)).toEqual(["a"]);
    expect(api.requests).toHaveLength(2);
  });

  it("gives up after a bounded number of retries in a 5xx storm", async () => {
    api.script(
      "GET *",
      ...Array.from({ length: 10 }, () => ({ status: 503, body: '{"detail":"unavailable"}' })),
    );
    const error = await rejection(client().webhooks.get("any"));
    expect(error).toBeInstanceOf(ArgyleApiError);
    expect((error as ArgyleApiError).status).toBe(503);
    expect((error as ArgyleApiError).attempts).toBe(3);
    expect(api.requests).toHaveLength(3);
  });

  it("never retries create (not idempotent), even on 429 or 5xx", async () => {
    api.script("POST /v2/webhooks", { status: 502 }, { status: 429 });
    const first = await rejection(client().webhooks.create({ events: ["gigs.added"], name: "n", url }));
    expect((first as ArgyleApiError).status).toBe(502);
    const second = await rejection(client().webhooks.create({ events: ["gigs.added"], name: "n", url }));
    expect((second as ArgyleApiError).status).toBe(429);
    expect(api.requests).toHaveLength(2);
    expect(api.store).toHaveLength(0);
  });

  it("retries delete; a 404 on the retry means an earlier attempt went through, a 404 at once is an error", async () => {
    const sub = await client().webhooks.create({ events: ["gigs.added"], name: "n", url });
    api.script(`DELETE /v2/webhooks/${sub.id}`, { status: 500 });
    await client().webhooks.delete(sub.id);
    expect(api.store).toHaveLength(0);
    // The server lost its answer to a delete that happened: the retry finds nothing, which is success.
    api.script("DELETE /v2/webhooks/gone-already", { status: 504 });
    await expect(client().webhooks.delete("gone-already")).resolves.toBeUndefined();
    const error = await rejection(client().webhooks.delete("never-existed"));
    expect((error as ArgyleApiError).status).toBe(404);
  });

  it("times out a call that gets no answer", async () => {
    api.script("GET *", "hang");
    const error = await rejection(client({ timeoutMs: 150, retry: false }).webhooks.get("slow"));
    expect(error).toBeInstanceOf(ArgyleTimeoutError);
    expect((error as ArgyleTimeoutError).timeoutMs).toBe(150);
    expect(api.requests).toHaveLength(1);
  });

  it("retries a timed-out idempotent call but not a timed-out create", async () => {
    api.script("GET *", "hang", "hang");
    const error = await rejection(
      client({ timeoutMs: 150, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } })
        .webhooks.list()
        .toArray(),
    );
    expect(error).toBeInstanceOf(ArgyleTimeoutError);
    expect((error as ArgyleTimeoutError).attempts).toBe(2);
    api.script("POST *", "hang");
    const createError = await rejection(
      client({ timeoutMs: 150 }).webhooks.create({ events: ["gigs.added"], name: "n", url }),
    );
    expect(createError).toBeInstanceOf(ArgyleTimeoutError);
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("reports a refused connection as ArgyleNetworkError", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(
      client({ environment: `http://127.0.0.1:${port}/v2`, retry: false }).webhooks.get("x"),
    );
    expect(error).toBeInstanceOf(ArgyleNetworkError);
    expect(error.message).not.toContain(api.apiKeySecret);
  });
});
