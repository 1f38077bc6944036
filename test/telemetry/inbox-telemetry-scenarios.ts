// Issue 17, the inbox side, for either engine: the worker's span links to the request that stored the delivery
// (its trace context is stored with the job), retries and dead letters are counted, and the queue gauges report
// depth and the oldest pending delivery's age. Real HTTP on 127.0.0.1, the SDK's in-memory exporter and reader.

import { createHash } from "node:crypto";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import type { ArgyleBullInbox, ArgyleInbox, InboxOptions } from "@argyle-webhooks/inbox";
import * as otel from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";
import { collectionErrors, counted, gauge, requestSpan, serve, spansNamed, until } from "./otel-harness.js";

const SECRET = "telemetry-inbox-secret";
type AnyInbox = ArgyleInbox | ArgyleBullInbox;
/** Opens a fresh, empty inbox of the engine under test; `close` also removes what it created. */
export type OpenInbox = (options: InboxOptions) => Promise<{
  inbox: AnyInbox;
  close: () => Promise<void>;
  /** The stored job's data for a delivery key, as the engine holds it. */
  jobData: (key: string) => Promise<Record<string, unknown> | undefined>;
}>;

async function post(url: string, event: "accounts.connected" | "accounts.updated" | "gigs.added") {
  const { body, headers } = signedDelivery(event, SECRET, (m) => {
    (m.data as Record<string, unknown>).nonce = Math.random(); // distinct delivery keys
  });
  const response = await fetch(url, { method: "POST", body, headers });
  await response.text();
  return response.status;
}

export function describeInboxTelemetry(engine: string, open: OpenInbox, skip = false): void {
  const base = { secret: SECRET, logger: false as const, telemetry: otel };

  describe.skipIf(skip)(`${engine}: worker spans link to the request that stored the delivery`, () => {
    it("the `process` span links to the request span (traceId and spanId), through the W3C propagator", async () => {
      const { inbox, close } = await open({ onError: () => undefined });
      try {
        const webhooks = new ArgyleWebhooks({ ...base, inbox });
        let ran = 0;
        webhooks.onAccountsConnected(() => {
          ran++;
          otel.trace.getTracer("app").startSpan("app work").end();
        });
        const { url } = await serve(webhooks);
        expect(await post(url, "accounts.connected")).toBe(200);
        const request = requestSpan();
        expect(request.attributes["argyle.outcome"]).toBe("stored");
        await inbox.work({ pollingIntervalSeconds: 0.2 });
        await until(
          () => ran === 1 && spansNamed("process argyle.accounts.connected").length === 1,
          "the run",
        );
        const [processed] = spansNamed("process argyle.accounts.connected");
        expect(processed?.links).toHaveLength(1);
        expect(processed?.links[0]?.context.traceId).toBe(request.spanContext().traceId);
        expect(processed?.links[0]?.context.spanId).toBe(request.spanContext().spanId);
        // A link, not a parent: the worker's run is its own trace, and the handler's spans are its children.
        expect(processed?.parentSpanContext?.spanId).toBeUndefined();
        expect(processed?.spanContext().traceId).not.toBe(request.spanContext().traceId);
        expect(processed?.attributes["argyle.delivery_key"]).toBe(request.attributes["argyle.delivery_key"]);
        const [work] = spansNamed("app work");
        expect(work?.parentSpanContext?.spanId).toBe(processed?.spanContext().spanId);
      } finally {
        await close();
      }
    }, 60_000);

    it("under an HTTP server span, the link points to it; without a registered propagator, our own W3C header", async () => {
      const { inbox, close } = await open({ onError: () => undefined });
      otel.propagation.disable();
      try {
        const webhooks = new ArgyleWebhooks({ ...base, inbox });
        let ran = 0;
        webhooks.onGigsAdded(() => {
          ran++;
        });
        const server = otel.trace
          .getTracer("http")
          .startSpan("POST /webhooks", { kind: otel.SpanKind.SERVER });
        const { body, headers } = signedDelivery("gigs.added", SECRET, (m) => {
          (m.data as Record<string, unknown>).nonce = Math.random();
        });
        const response = await otel.context.with(otel.trace.setSpan(otel.context.active(), server), () =>
          webhooks.receive({ rawBody: body, headers }),
        );
        server.end();
        expect(response.status).toBe(200);
        expect(server.isRecording()).toBe(false);
        await inbox.work({ pollingIntervalSeconds: 0.2 });
        await until(() => ran === 1 && spansNamed("process argyle.gigs.added").length === 1, "the run");
        const [processed] = spansNamed("process argyle.gigs.added");
        expect(processed?.links[0]?.context.traceId).toBe(server.spanContext().traceId);
        expect(processed?.links[0]?.context.spanId).toBe(server.spanContext().spanId);
      } finally {
        otel.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
        await close();
      }
    }, 60_000);

    it("the job holds the request's traceparent (nothing else of the trace), and none without telemetry", async () => {
      const { inbox, close, jobData } = await open({ onError: () => undefined });
      try {
        const traced = await serve(new ArgyleWebhooks({ ...base, inbox }));
        const { body, headers } = signedDelivery("accounts.connected", SECRET);
        expect((await fetch(traced.url, { method: "POST", body, headers })).status).toBe(200);
        const request = requestSpan();
        const key = request.attributes["argyle.delivery_key"] as string;
        const { traceId, spanId } = request.spanContext();
        expect((await jobData(key))?.trace).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });

        const plain = await serve(new ArgyleWebhooks({ secret: SECRET, logger: false, inbox }));
        const other = signedDelivery("accounts.updated", SECRET);
        expect(
          (await fetch(plain.url, { method: "POST", body: other.body, headers: other.headers })).status,
        ).toBe(200);
        const [entry] = await inbox.list({ event: "accounts.updated" });
        expect(entry).toBeDefined();
        const data = await jobData(entry?.deliveryKey as string);
        expect(data?.key).toBe(entry?.deliveryKey);
        expect(data).not.toHaveProperty("trace");
      } finally {
        await close();
      }
    }, 60_000);
  });

  describe.skipIf(skip)(`${engine}: what a job keeps of a trace context`, () => {
    it("only traceparent and tracestate, printable and at most 512 characters; nothing without a traceparent", async () => {
      const { inbox, close, jobData } = await open({ onError: () => undefined });
      try {
        const delivery = (n: number, traceContext: Record<string, string>) => {
          const rawBody = new TextEncoder().encode(
            JSON.stringify({ event: "accounts.connected", data: { n } }),
          );
          const deliveryKey = createHash("sha256").update(rawBody).digest("hex");
          return {
            deliveryKey,
            rawBody,
            event: "accounts.connected",
            subscription: undefined,
            account: undefined,
            receivedAt: new Date(),
            traceContext,
          };
        };
        const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        const kept = delivery(1, { traceparent, tracestate: "vendor=1", baggage: "user=alice", b3: "x" });
        expect(await inbox.store(kept)).toBe("stored");
        expect((await jobData(kept.deliveryKey))?.trace).toEqual({ traceparent, tracestate: "vendor=1" });
        const bounded = delivery(2, { traceparent, tracestate: "v=".padEnd(600, "x") });
        expect(await inbox.store(bounded)).toBe("stored");
        expect((await jobData(bounded.deliveryKey))?.trace).toEqual({ traceparent });
        const none = delivery(3, { tracestate: "vendor=1", traceparent: "00-bad\n" });
        expect(await inbox.store(none)).toBe("stored");
        expect(await jobData(none.deliveryKey)).not.toHaveProperty("trace");
      } finally {
        await close();
      }
    }, 60_000);
  });

  describe.skipIf(skip)(`${engine}: retries, dead letters and queue gauges`, () => {
    it("a failing handler is counted as a retry per failed attempt, then as a dead letter on its last", async () => {
      const { inbox, close } = await open({
        retryLimit: 1,
        retryDelaySeconds: 1,
        retryBackoff: false,
        onError: () => undefined,
      });
      try {
        const event = { "argyle.event": "accounts.updated" };
        const retries = await counted("argyle.inbox.retries", event);
        const dead = await counted("argyle.inbox.dead_letters", event);
        const webhooks = new ArgyleWebhooks({ ...base, inbox });
        webhooks.onAccountsUpdated(() => {
          throw new Error("downstream is down");
        });
        const { url } = await serve(webhooks);
        expect(await post(url, "accounts.updated")).toBe(200);
        await inbox.work({ pollingIntervalSeconds: 0.2 });
        await until(async () => (await inbox.list({ state: "dead" })).length === 1, "the delivery to die");
        await until(() => spansNamed("process argyle.accounts.updated").length === 2, "both attempts' spans");
        expect(await counted("argyle.inbox.retries", event)).toBe(retries + 1);
        expect(await counted("argyle.inbox.dead_letters", event)).toBe(dead + 1);
        const attempts = spansNamed("process argyle.accounts.updated").map(
          (s) => s.attributes["messaging.message.delivery_attempt"],
        );
        expect(attempts.sort()).toEqual([1, 2]);
      } finally {
        await close();
      }
    }, 60_000);

    it("queue depth by state (pending, retrying) and the age of the oldest pending delivery", async () => {
      const { inbox, close } = await open({
        retryLimit: 3,
        retryDelaySeconds: 600,
        onError: () => undefined,
      });
      try {
        let reads = 0;
        const depth = inbox.depth.bind(inbox);
        inbox.depth = () => {
          reads++;
          return depth();
        };
        const webhooks = new ArgyleWebhooks({ ...base, inbox });
        let done = 0;
        webhooks.onAccountsConnected(() => {
          done++;
        });
        webhooks.onAccountsUpdated(() => {
          throw new Error("fails, retried in 10 minutes");
        });
        const { url } = await serve(webhooks);
        expect(await post(url, "accounts.connected")).toBe(200);
        expect(await post(url, "accounts.updated")).toBe(200);
        await inbox.work({ pollingIntervalSeconds: 0.2 });
        await until(
          async () => done === 1 && (await inbox.list({ state: "retrying" })).length === 1,
          "one done, one retrying",
        );
        await inbox.stopWorkers();
        // Two more arrive while no worker runs: pending.
        expect(await post(url, "accounts.connected")).toBe(200);
        expect(await post(url, "accounts.connected")).toBe(200);
        await new Promise((r) => setTimeout(r, 1100));
        const queue = { "argyle.inbox.queue": inbox.queue };
        expect(
          await gauge("argyle.inbox.queue.depth", { ...queue, "argyle.inbox.state": "pending" }),
        ).toEqual([2]);
        expect(
          await gauge("argyle.inbox.queue.depth", { ...queue, "argyle.inbox.state": "retrying" }),
        ).toEqual([1]);
        const [age] = await gauge("argyle.inbox.oldest_pending.age", queue);
        expect(age).toBeGreaterThanOrEqual(1);
        expect(age).toBeLessThan(600);
        expect(reads).toBe(1); // one query for the three gauges read within the 5 s cache
        await close();
        // A closed inbox is no longer read, not even once its last depth is older than the 5 s cache: the
        // collections still succeed, without errors, and the closed inbox's gauges are gone.
        expect(await collectionErrors()).toEqual([]);
        expect(await collectionErrors()).toEqual([]);
        expect(reads).toBe(1);
      } finally {
        await close();
      }
    }, 60_000);
  });
}
