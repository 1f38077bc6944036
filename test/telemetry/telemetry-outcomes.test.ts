// Issue 17: OpenTelemetry traces and metrics. Real HTTP on 127.0.0.1 through the node handler, the SDK's in-memory
// span exporter and metric reader; one test per outcome of the status table, and the handler span's parent.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArgyleWebhooks, type ArgyleWebhooksOptions, signArgylePayload } from "@argyle-webhooks/core";
import { createInbox } from "@argyle-webhooks/inbox";
import * as otel from "@opentelemetry/api";
import { afterAll, describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";
import { counted, requestSpan, serve as serveOn, spans, useOtel } from "./otel-harness.js";

const SECRET = "telemetry-secret";
// The SDK with in-memory exporters (test/telemetry/otel-harness.ts); no propagator, as an app without one.
useOtel({ propagator: false });

async function serve(webhooks: ArgyleWebhooks | ArgyleWebhooksOptions): Promise<string> {
  return (await serveOn(webhooks)).url;
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: "POST", body, headers });
  await response.text();
  return response.status;
}

const base = { secret: SECRET, logger: false as const, telemetry: otel };
// The embedded inboxes of this file share one data directory, each on its own queue (an empty inbox either way):
// a fresh directory is unpacked once, not once per test (about 1 s of CPU time each).
const root = mkdtempSync(join(tmpdir(), "argyle-telemetry-"));
const directory = join(root, "inbox");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("one outcome per row of the status table", () => {
  it("handled: 200, event, subscription and delivery key on the span, counted", async () => {
    const before = await counted("argyle.webhook.deliveries", {
      "argyle.outcome": "handled",
      "argyle.event": "accounts.connected",
    });
    const url = await serve({ ...base, handlers: { onAccountsConnected: () => undefined } });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect(await post(url, body, headers)).toBe(200);
    const span = requestSpan();
    expect(span.attributes["argyle.outcome"]).toBe("handled");
    expect(span.attributes["argyle.event"]).toBe("accounts.connected");
    expect(span.attributes["argyle.subscription"]).toBe(JSON.parse(body).name);
    expect(span.attributes["argyle.delivery_key"]).toMatch(/^[0-9a-f]{64}$/);
    expect(span.attributes["error.type"]).toBeUndefined();
    expect(span.status.code).toBe(otel.SpanStatusCode.UNSET);
    expect(
      await counted("argyle.webhook.deliveries", {
        "argyle.outcome": "handled",
        "argyle.event": "accounts.connected",
      }),
    ).toBe(before + 1);
    expect(await counted("argyle.webhook.request.duration", { "argyle.outcome": "handled" })).toBeGreaterThan(
      0,
    );
  });

  it("duplicate: the second identical delivery", async () => {
    const url = await serve({ ...base, dedupe: true, handlers: { onAccountsConnected: () => undefined } });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect(await post(url, body, headers)).toBe(200);
    spans.reset();
    expect(await post(url, body, headers)).toBe(200);
    expect(requestSpan().attributes["argyle.outcome"]).toBe("duplicate");
  });

  it("invalid-signature: 401 with error.type and an error status, counted without an event", async () => {
    const before = await counted("argyle.webhook.deliveries", { "argyle.outcome": "invalid-signature" });
    const url = await serve(base);
    const { body, headers } = signedDelivery("accounts.connected", "not-the-secret");
    expect(await post(url, body, headers)).toBe(401);
    const span = requestSpan();
    expect(span.attributes["argyle.outcome"]).toBe("invalid-signature");
    expect(span.attributes["error.type"]).toBe("urn:argyle-webhooks:problem:invalid-signature");
    expect(span.attributes["argyle.event"]).toBeUndefined();
    expect(span.status.code).toBe(otel.SpanStatusCode.ERROR);
    expect(await counted("argyle.webhook.deliveries", { "argyle.outcome": "invalid-signature" })).toBe(
      before + 1,
    );
  });

  it("malformed: a signed body that is not a message", async () => {
    const url = await serve(base);
    const body = JSON.stringify({ hello: "world" });
    expect(
      await post(url, body, {
        "content-type": "application/json",
        "x-argyle-signature": signArgylePayload(body, SECRET),
      }),
    ).toBe(400);
    const span = requestSpan();
    expect(span.attributes["argyle.outcome"]).toBe("malformed");
    expect(span.attributes["error.type"]).toBe("urn:argyle-webhooks:problem:malformed-message");
  });

  it("schema-invalid: 422 in reject mode, validation failures counted by event and field", async () => {
    const field = { "argyle.event": "accounts.connected", "argyle.field": "/data/account" };
    const before = await counted("argyle.webhook.validation.failures", field);
    const url = await serve({ ...base, validation: "reject" });
    const { body, headers } = signedDelivery("accounts.connected", SECRET, (m) => {
      (m.data as Record<string, unknown>).account = 42;
    });
    expect(await post(url, body, headers)).toBe(422);
    const span = requestSpan();
    expect(span.attributes["argyle.outcome"]).toBe("schema-invalid");
    expect(span.attributes["error.type"]).toBe("urn:argyle-webhooks:problem:invalid-payload");
    expect(await counted("argyle.webhook.validation.failures", field)).toBe(before + 1);
  });

  it("unknown-event: 200 for an event the registry does not know", async () => {
    const url = await serve(base);
    const body = JSON.stringify({ event: "brand.new", name: "sub", data: { account: "a" } });
    expect(
      await post(url, body, {
        "content-type": "application/json",
        "x-argyle-signature": signArgylePayload(body, SECRET),
      }),
    ).toBe(200);
    const span = requestSpan();
    expect(span.attributes["argyle.outcome"]).toBe("unknown-event");
    expect(span.attributes["argyle.event"]).toBe("brand.new");
  });

  it("handler-error: 500, the handler span records the exception", async () => {
    const url = await serve({
      ...base,
      handlers: {
        onAccountsConnected: () => {
          throw new TypeError("boom");
        },
        onError: () => undefined,
      },
    });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect(await post(url, body, headers)).toBe(500);
    const span = requestSpan();
    expect(span.attributes["argyle.outcome"]).toBe("handler-error");
    expect(span.attributes["error.type"]).toBe("urn:argyle-webhooks:problem:internal");
    const handler = spans.getFinishedSpans().find((s) => s.name === "process argyle.accounts.connected");
    expect(handler?.status.code).toBe(otel.SpanStatusCode.ERROR);
    expect(handler?.attributes["error.type"]).toBe("TypeError");
    expect(handler?.events.map((e) => e.name)).toContain("exception");
  });

  it("pending: 202 when the handler outlives timeoutMs; its span ends when it does", async () => {
    let release = () => {};
    const done = new Promise<void>((r) => {
      release = r;
    });
    const url = await serve({ ...base, timeoutMs: 50, handlers: { onAccountsConnected: () => done } });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect(await post(url, body, headers)).toBe(202);
    expect(requestSpan().attributes["argyle.outcome"]).toBe("pending");
    expect(spans.getFinishedSpans().some((s) => s.name.startsWith("process "))).toBe(false);
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(spans.getFinishedSpans().some((s) => s.name === "process argyle.accounts.connected")).toBe(true);
  });

  it("stored and store-unavailable: with the inbox (embedded), then after it is closed", async () => {
    const inbox = await createInbox({ directory, queue: "outcomes-stored" });
    let open = true;
    try {
      const url = await serve({ ...base, inbox });
      const first = signedDelivery("accounts.connected", SECRET);
      expect(await post(url, first.body, first.headers)).toBe(200);
      expect(requestSpan().attributes["argyle.outcome"]).toBe("stored");
      spans.reset();
      open = false;
      await inbox.close();
      const second = signedDelivery("accounts.updated", SECRET);
      expect(await post(url, second.body, second.headers)).toBe(503);
      const span = requestSpan();
      expect(span.attributes["argyle.outcome"]).toBe("store-unavailable");
      expect(span.attributes["error.type"]).toBe("urn:argyle-webhooks:problem:unavailable");
    } finally {
      if (open) await inbox.close();
    }
  }, 60_000);
});

describe("handler spans", () => {
  it("each handler runs in a `process argyle.<event>` child of the request span, active while it runs", async () => {
    const tracer = otel.trace.getTracer("app");
    const url = await serve({
      ...base,
      handlers: {
        onAccountsConnected: async () => {
          await new Promise((r) => setTimeout(r, 5));
          tracer.startSpan("app work").end();
        },
      },
    });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect(await post(url, body, headers)).toBe(200);
    const request = requestSpan();
    const finished = spans.getFinishedSpans();
    const handler = finished.find((s) => s.name === "process argyle.accounts.connected");
    const work = finished.find((s) => s.name === "app work");
    expect(handler?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(handler?.kind).toBe(otel.SpanKind.CONSUMER);
    expect(handler?.attributes["messaging.destination.name"]).toBe("accounts.connected");
    expect(work?.parentSpanContext?.spanId).toBe(handler?.spanContext().spanId);
    expect(
      await counted("messaging.process.duration", { "messaging.destination.name": "accounts.connected" }),
    ).toBeGreaterThan(0);
  });

  it("with an active server span (HTTP instrumentation), attributes go on it and no span of ours is started", async () => {
    const webhooks = new ArgyleWebhooks(base);
    const server = otel.trace.getTracer("http").startSpan("POST /webhooks");
    const { body, headers } = signedDelivery("accounts.connected", "forged");
    const response = await otel.context.with(otel.trace.setSpan(otel.context.active(), server), () =>
      webhooks.receive({ rawBody: body, headers }),
    );
    server.end();
    expect(response.status).toBe(401);
    const finished = spans.getFinishedSpans();
    expect(finished.map((s) => s.name)).toEqual(["POST /webhooks"]);
    expect(finished[0]?.attributes["argyle.outcome"]).toBe("invalid-signature");
  });

  it("without the option, nothing is recorded", async () => {
    const url = await serve({ secret: SECRET, logger: false });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect(await post(url, body, headers)).toBe(200);
    expect(spans.getFinishedSpans()).toEqual([]);
  });
});

describe("inbox worker", () => {
  it("runs each stored delivery's handler in a `process argyle.<event>` span with its delivery key and attempt", async () => {
    const inbox = await createInbox({ directory, queue: "outcomes-worker", onError: () => undefined });
    try {
      const webhooks = new ArgyleWebhooks({ ...base, inbox });
      let ran = false;
      webhooks.onAccountsConnected(() => {
        ran = true;
      });
      const url = await serve(webhooks);
      const { body, headers } = signedDelivery("accounts.connected", SECRET);
      expect(await post(url, body, headers)).toBe(200);
      const key = requestSpan().attributes["argyle.delivery_key"];
      await inbox.work({ pollingIntervalSeconds: 0.2 });
      const deadline = Date.now() + 30_000;
      while (!ran && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 20));
      const span = spans.getFinishedSpans().find((s) => s.name === "process argyle.accounts.connected");
      expect(span?.attributes["argyle.delivery_key"]).toBe(key);
      expect(span?.attributes["messaging.message.delivery_attempt"]).toBe(1);
      expect(span?.kind).toBe(otel.SpanKind.CONSUMER);
    } finally {
      await inbox.close();
    }
  }, 60_000);
});

describe("the option", () => {
  it("refuses a value that is not the OpenTelemetry API, and suggests the name on a typo", () => {
    expect(() => new ArgyleWebhooks({ secret: SECRET, telemetry: true as never })).toThrow(
      /telemetry must be the OpenTelemetry API module/,
    );
    expect(() => new ArgyleWebhooks({ secret: SECRET, telemetery: otel } as never)).toThrow(
      /did you mean "telemetry"\?/,
    );
    expect(() => new ArgyleWebhooks({ secret: SECRET, telemetry: false })).not.toThrow();
  });
});
