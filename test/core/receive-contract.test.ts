import { ArgyleWebhookHandlerError, ArgyleWebhooks, signArgylePayload } from "@argyle-webhooks/core";
import { describe, expect, it } from "vitest";
import { json, signedDelivery } from "../helpers/deliveries.js";

const SECRET = "contract-secret";

function make(options: Partial<ConstructorParameters<typeof ArgyleWebhooks>[0]> = {}) {
  const calls: string[] = [];
  const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false, ...options });
  webhooks.onAny((event) => {
    calls.push(event.event);
  });
  return { webhooks, calls };
}

function expectProblem(
  response: { status: number; headers: Record<string, string>; body: string },
  status: number,
  type: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  const body = json(response.body);
  expect(body).toMatchObject({ status, type: `urn:argyle-webhooks:problem:${type}` });
  expect(response.body).not.toContain(SECRET);
  expect(response.body).not.toMatch(/[0-9a-f]{128}/);
  expect(response.body).not.toMatch(/\n\s+at /);
}

describe("receive(): every row of the runtime contract", () => {
  const delivery = signedDelivery("gigs.partially_synced", SECRET);

  it("200 for a signed delivery, after the typed handler ran", async () => {
    const { webhooks, calls } = make();
    let days: number | undefined;
    webhooks.onGigsPartiallySynced((event) => {
      days = event.data.days_synced;
    });
    const res = await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers });
    expect(res.status).toBe(200);
    expect(json(res.body)).toEqual({ ok: true });
    expect(days).toBe(60);
    expect(calls).toEqual(["gigs.partially_synced"]);
  });

  it("405 with Allow: POST for other methods", async () => {
    const { webhooks, calls } = make();
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const res = await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers, method });
      expectProblem(res, 405, "method-not-allowed");
      expect(res.headers.allow).toBe("POST");
    }
    expect(calls).toEqual([]);
  });

  it("415 when the content type is not JSON; JSON with parameters and +json types are accepted", async () => {
    const { webhooks, calls } = make();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", undefined, "application/jsonx"]) {
      const res = await webhooks.receive({
        rawBody: delivery.body,
        headers: { ...delivery.headers, "content-type": type },
      });
      expectProblem(res, 415, "unsupported-media-type");
    }
    for (const type of [
      "application/json; charset=utf-8",
      "Application/JSON",
      "application/vnd.argyle+json",
    ]) {
      const res = await webhooks.receive({
        rawBody: delivery.body,
        headers: { ...delivery.headers, "content-type": type },
      });
      expect(res.status).toBe(200);
    }
    expect(calls).toHaveLength(3);
  });

  it("413 when the body is larger than the limit", async () => {
    const { webhooks, calls } = make({ limit: 100 });
    expectProblem(
      await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers }),
      413,
      "body-too-large",
    );
    expect(calls).toEqual([]);
    const roomy = make({ limit: "1kb" });
    expect((await roomy.webhooks.receive({ rawBody: delivery.body, headers: delivery.headers })).status).toBe(
      200,
    );
  });

  it("401 when the signature header is missing or malformed", async () => {
    const { webhooks, calls } = make();
    const { "x-argyle-signature": _, ...unsigned } = delivery.headers;
    const missing = await webhooks.receive({ rawBody: delivery.body, headers: unsigned });
    expectProblem(missing, 401, "invalid-signature");
    expect(json(missing.body).detail).toMatch(/missing/);
    const malformed = await webhooks.receive({
      rawBody: delivery.body,
      headers: { ...unsigned, "x-argyle-signature": "abc" },
    });
    expectProblem(malformed, 401, "invalid-signature");
    expect(calls).toEqual([]);
  });

  it("401 when the signature does not match any configured secret", async () => {
    const { webhooks, calls } = make({ secret: ["other-a", "other-b"] });
    expectProblem(
      await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers }),
      401,
      "invalid-signature",
    );
    expect(calls).toEqual([]);
  });

  it("403 when the source address is not allowed, before anything else is read", async () => {
    const { webhooks, calls } = make({ allowedIps: ["34.27.251.226", "10.0.0.0/8"] });
    expectProblem(
      await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers, remoteAddress: "1.2.3.4" }),
      403,
      "forbidden-source",
    );
    expectProblem(
      await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers }),
      403,
      "forbidden-source",
    );
    expect(
      (
        await webhooks.receive({
          rawBody: delivery.body,
          headers: delivery.headers,
          remoteAddress: "34.27.251.226",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await webhooks.receive({
          rawBody: delivery.body,
          headers: delivery.headers,
          remoteAddress: "::ffff:10.1.2.3",
        })
      ).status,
    ).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it("400 when a signed body is not JSON, or has no string event or no object data", async () => {
    const { webhooks, calls } = make();
    const bodies = [
      "not json",
      "[1,2]",
      "null",
      '{"name":"x","data":{}}',
      '{"event":1,"data":{}}',
      '{"event":"gigs.added","data":null}',
      '{"event":"gigs.added","data":[]}',
    ];
    for (const body of bodies) {
      const res = await webhooks.receive({
        rawBody: body,
        headers: {
          "content-type": "application/json",
          "x-argyle-signature": signArgylePayload(body, SECRET),
        },
      });
      expectProblem(res, 400, "malformed-message");
    }
    expect(calls).toEqual([]);
  });

  it("422 with the validation errors when the payload fails its schema and validation is reject", async () => {
    const { webhooks, calls } = make({ validation: "reject" });
    const bad = signedDelivery("gigs.partially_synced", SECRET, (m) => {
      (m.data as Record<string, unknown>).days_synced = "sixty";
    });
    const res = await webhooks.receive({ rawBody: bad.body, headers: bad.headers });
    expectProblem(res, 422, "invalid-payload");
    expect(json(res.body).errors).toEqual([{ path: "/data/days_synced", message: "must be integer" }]);
    expect(calls).toEqual([]);
  });

  it("200 for an event not in the catalog, which goes to onUnknown and onAny", async () => {
    const { webhooks, calls } = make();
    const unknown: string[] = [];
    webhooks.onUnknown((event) => {
      unknown.push(event.event);
    });
    const body = JSON.stringify({ event: "paychecks.teleported", name: "n", data: { x: 1 } }, null, 2);
    const res = await webhooks.receive({
      rawBody: body,
      headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, SECRET) },
    });
    expect(res.status).toBe(200);
    expect(unknown).toEqual(["paychecks.teleported"]);
    expect(calls).toEqual(["paychecks.teleported"]);
  });

  it("500 when a handler throws; every failure reaches onError as one aggregated error", async () => {
    const { webhooks } = make();
    const errors: ArgyleWebhookHandlerError[] = [];
    webhooks.onError((error) => {
      errors.push(error);
    });
    webhooks.onGigsPartiallySynced(() => {
      throw new Error("db down");
    });
    webhooks.on("gigs.*", async () => {
      throw new Error("queue full");
    });
    const res = await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers });
    expectProblem(res, 500, "internal");
    expect(res.body).not.toContain("db down");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ArgyleWebhookHandlerError);
    expect(errors[0]?.event).toBe("gigs.partially_synced");
    expect(((errors[0]?.errors ?? []) as Error[]).map((e) => e.message).sort()).toEqual([
      "db down",
      "queue full",
    ]);
  });

  it("202 when handlers are still running after timeoutMs; they finish and late failures reach onError", async () => {
    const { webhooks } = make({ timeoutMs: 20 });
    let finished = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const lateErrors: unknown[] = [];
    webhooks.onError((e) => {
      lateErrors.push(e);
    });
    webhooks.onGigsPartiallySynced(async () => {
      await gate;
      finished = true;
      throw new Error("late");
    });
    const res = await webhooks.receive({ rawBody: delivery.body, headers: delivery.headers });
    expect(res.status).toBe(202);
    expect(json(res.body)).toEqual({ ok: true, pending: true });
    expect(finished).toBe(false);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(finished).toBe(true);
    expect(lateErrors).toHaveLength(1);
  });
});
