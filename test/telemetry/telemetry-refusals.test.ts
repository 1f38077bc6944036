// Issue 17: the rows of "What each request gets" that telemetry-outcomes.test.ts does not cover, over real HTTP on
// 127.0.0.1: each answer's span attributes (outcome, error.type, status) and the deliveries counter.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { createInbox } from "@argyle-webhooks/inbox";
import * as otel from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";
import { sendRaw } from "../helpers/send-raw.js";
import { counted, requestSpan, serve, spans, spansNamed, until, useOtel } from "./otel-harness.js";

useOtel();
const SECRET = "telemetry-refusals-secret";
const base = { secret: SECRET, logger: false as const, telemetry: otel };

/** Asserts the request span and the counter of one refusal; `before` is the counter's value before the request. */
async function expectRefusal(outcome: string, status: number, type: string, before: number) {
  const span = requestSpan();
  expect(span.attributes["argyle.outcome"]).toBe(outcome);
  expect(span.attributes["error.type"]).toBe(`urn:argyle-webhooks:problem:${type}`);
  expect(span.attributes["http.response.status_code"]).toBe(status);
  expect(span.attributes["argyle.event"]).toBeUndefined();
  expect(span.status.code).toBe(otel.SpanStatusCode.ERROR);
  const counter = { "argyle.outcome": outcome, "http.response.status_code": status };
  expect(await counted("argyle.webhook.deliveries", counter)).toBe(before + 1);
  expect(await counted("argyle.webhook.request.duration", counter)).toBeGreaterThan(0);
}

const countOf = (outcome: string) => counted("argyle.webhook.deliveries", { "argyle.outcome": outcome });

/** Opens a raw connection, writes `head` and `body`, and resolves with everything the server sent until it closed. */
function rawExchange(port: number, head: string, body: Buffer, sockets: Socket[]): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  return new Promise((resolve) => {
    let text = "";
    socket.on("data", (c) => {
      text += c;
    });
    socket.on("close", () => resolve(text));
    socket.on("error", () => resolve(text));
    socket.write(head);
    socket.write(body);
  });
}

describe("refusals before the body is read", () => {
  it("405: a GET", async () => {
    const before = await countOf("method-not-allowed");
    const { port } = await serve(base);
    const answer = await sendRaw(port, "/", { method: "GET", headers: {} });
    expect(answer.status).toBe(405);
    await expectRefusal("method-not-allowed", 405, "method-not-allowed", before);
  });

  it("403: a source outside allowedIps", async () => {
    const before = await countOf("forbidden-source");
    const { port } = await serve({ ...base, allowedIps: ["203.0.113.7"] });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect((await sendRaw(port, "/", { method: "POST", headers, body })).status).toBe(403);
    await expectRefusal("forbidden-source", 403, "forbidden-source", before);
  });

  it("415: a body that is not JSON", async () => {
    const before = await countOf("unsupported-media-type");
    const { port } = await serve(base);
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    const answer = await sendRaw(port, "/", {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain" },
      body,
    });
    expect(answer.status).toBe(415);
    await expectRefusal("unsupported-media-type", 415, "unsupported-media-type", before);
  });

  it("401: no signature header at all", async () => {
    const before = await countOf("invalid-signature");
    const { port } = await serve(base);
    const answer = await sendRaw(port, "/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(401);
    await expectRefusal("invalid-signature", 401, "invalid-signature", before);
  });
});

describe("refusals while the body is read", () => {
  it("413: a body over limit", async () => {
    const before = await countOf("body-too-large");
    const { port } = await serve({ ...base, limit: "1kb" });
    const { body, headers } = signedDelivery("accounts.connected", SECRET, (m) => {
      (m.data as Record<string, unknown>).padding = "x".repeat(4096);
    });
    expect((await sendRaw(port, "/", { method: "POST", headers, body })).status).toBe(413);
    await expectRefusal("body-too-large", 413, "body-too-large", before);
  });

  it("408: a body that stalls past readTimeoutMs", async () => {
    const before = await countOf("body-timeout");
    const { port } = await serve({ ...base, readTimeoutMs: 200 });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    const answer = await sendRaw(port, "/", { method: "POST", headers, body, stallAfterBytes: 10 });
    expect(answer.status).toBe(408);
    await expectRefusal("body-timeout", 408, "body-timeout", before);
  });

  it("503: bodies still arriving already hold pendingLimit bytes", async () => {
    const before = await countOf("busy");
    const { port } = await serve({ ...base, limit: "64kb", pendingLimit: 100_000 });
    const sockets: Socket[] = [];
    try {
      const head = `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-argyle-signature: ${"ab".repeat(64)}\r\ncontent-length: 65000\r\n\r\n`;
      // The first stalled body holds 60,000 bytes of the budget; the second cannot fit and is refused at once.
      void rawExchange(port, head, Buffer.alloc(60_000, 0x20), sockets);
      await new Promise((r) => setTimeout(r, 100));
      const refused = rawExchange(port, head, Buffer.alloc(60_000, 0x20), sockets);
      await until(() => spansNamed("argyle.webhook receive").length === 1, "the refusal's span");
      expect(await refused).toMatch(/^HTTP\/1\.1 503/);
      await expectRefusal("busy", 503, "unavailable", before);
      // The stalled one ends as aborted once its client goes: its span too, before the next test.
      for (const socket of sockets) socket.destroy();
      await until(() => spansNamed("argyle.webhook receive").length === 2, "the stalled request's span");
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it("400: the client closes before the body is complete (body-aborted, not malformed)", async () => {
    const before = await countOf("body-aborted");
    const { port } = await serve(base);
    const sockets: Socket[] = [];
    const head = `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-argyle-signature: ${"ab".repeat(64)}\r\ncontent-length: 5000\r\n\r\n`;
    void rawExchange(port, head, Buffer.alloc(100, 0x20), sockets);
    await new Promise((r) => setTimeout(r, 100));
    for (const socket of sockets) socket.destroy();
    await until(() => spansNamed("argyle.webhook receive").length === 1, "the aborted request's span");
    await expectRefusal("body-aborted", 400, "malformed-message", before);
  });

  it("500: an earlier reader consumed the body, nothing raw left", async () => {
    const before = await countOf("raw-body-unavailable");
    const handler = createNodeHandler(base);
    const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
      for await (const _ of req) {
        // a body parser that ran first
      }
      handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as AddressInfo).port;
      const { body, headers } = signedDelivery("accounts.connected", SECRET);
      expect((await sendRaw(port, "/", { method: "POST", headers, body })).status).toBe(500);
      await expectRefusal("raw-body-unavailable", 500, "internal", before);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("stores", () => {
  it("503: the dedupe store throws (dedupe-unavailable), with the verified event", async () => {
    const before = await countOf("dedupe-unavailable");
    // The application's store (say Redis) is down.
    const dedupe = {
      seen: async (): Promise<boolean> => {
        throw new Error("connection refused");
      },
    };
    const { url } = await serve({ ...base, dedupe });
    const { body, headers } = signedDelivery("accounts.connected", SECRET);
    expect((await fetch(url, { method: "POST", body, headers })).status).toBe(503);
    const span = requestSpan();
    expect(span.attributes["argyle.outcome"]).toBe("dedupe-unavailable");
    expect(span.attributes["argyle.event"]).toBe("accounts.connected");
    expect(span.attributes["error.type"]).toBe("urn:argyle-webhooks:problem:unavailable");
    expect(span.status.code).toBe(otel.SpanStatusCode.ERROR);
    expect(await countOf("dedupe-unavailable")).toBe(before + 1);
  });

  it("200 duplicate with the inbox: the key is already stored, no second job", async () => {
    const root = mkdtempSync(join(tmpdir(), "argyle-telemetry-dup-"));
    const inbox = await createInbox({ directory: join(root, "inbox"), onError: () => undefined });
    try {
      const before = await countOf("duplicate");
      const { url } = await serve({ ...base, inbox });
      const { body, headers } = signedDelivery("accounts.connected", SECRET);
      expect((await fetch(url, { method: "POST", body, headers })).status).toBe(200);
      expect(requestSpan().attributes["argyle.outcome"]).toBe("stored");
      const stored = await counted("argyle.webhook.deliveries", {
        "argyle.outcome": "stored",
        "argyle.event": "accounts.connected",
      });
      expect(stored).toBeGreaterThanOrEqual(1);
      spans.reset();
      const again = await fetch(url, { method: "POST", body, headers });
      expect(await again.json()).toEqual({ ok: true, duplicate: true });
      const span = requestSpan();
      expect(span.attributes["argyle.outcome"]).toBe("duplicate");
      expect(span.attributes["error.type"]).toBeUndefined();
      expect(span.status.code).toBe(otel.SpanStatusCode.UNSET);
      expect(await countOf("duplicate")).toBe(before + 1);
      expect((await inbox.stats()).pending).toBe(1);
    } finally {
      await inbox.close();
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
