import { argyleWebhookEventNames } from "@argyle-webhooks/core";
import {
  ArgyleDeliveryError,
  createDelivery,
  parseReplayLines,
  sendDeliveries,
  sendDelivery,
  signDelivery,
  triggerEvents,
} from "@argyle-webhooks/testing";
import { afterEach, describe, expect, it } from "vitest";
import { closedUrl, type Receiver, startReceiver } from "./receiver.js";

const secret = "whsec-send-91c2";
let receiver: Receiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("sendDelivery", () => {
  it("POSTs the exact bytes and headers; core's handler verifies and dispatches them", async () => {
    receiver = await startReceiver(secret);
    const delivery = createDelivery("gigs.partially_synced", { data: { days_synced: 90 } }, { secret });
    const result = await sendDelivery(receiver.url, delivery);
    expect(result).toMatchObject({ ok: true, status: 200, event: "gigs.partially_synced" });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.body).toBe(delivery.body);
    expect(receiver.received[0]?.headers["x-argyle-signature"]).toBe(delivery.headers["x-argyle-signature"]);
    expect(receiver.received[0]?.headers["content-type"]).toBe("application/json");
  });

  it("returns, never throws, an HTTP error status with the response body", async () => {
    receiver = await startReceiver("a-different-secret");
    const result = await sendDelivery(receiver.url, createDelivery("gigs.updated", { secret }));
    expect(result.ok).toBe(false);
    expect(result.status).toBe(401);
    expect(result.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.parse(result.body)).toMatchObject({ title: "Invalid signature" });
    expect(receiver.received).toHaveLength(0);
  });

  it("rejects with ArgyleDeliveryError naming the event and URL when nothing answers", async () => {
    const url = await closedUrl();
    const error = await sendDelivery(url, createDelivery("gigs.updated", { secret })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArgyleDeliveryError);
    expect((error as ArgyleDeliveryError).message).toMatch(
      /Could not deliver gigs\.updated to http:\/\/127\.0\.0\.1:\d+/,
    );
    expect((error as ArgyleDeliveryError).message).toMatch(/ECONNREFUSED/);
    expect((error as ArgyleDeliveryError).url).toBe(url);
  });

  it("delivers an event outside the catalog to onUnknown/onAny with 200", async () => {
    receiver = await startReceiver(secret);
    const result = await sendDelivery(
      receiver.url,
      signDelivery({ event: "gigs.renamed", name: "t", data: { gig: "g1" } }, { secret }),
    );
    expect(result.status).toBe(200);
    expect(receiver.received.map((r) => r.event)).toEqual(["gigs.renamed"]);
  });
});

describe("sendDeliveries / triggerEvents", () => {
  it("triggers every catalog event in order, each accepted by a receiver that rejects invalid payloads", async () => {
    receiver = await startReceiver(secret);
    const seen: string[] = [];
    const summary = await triggerEvents(receiver.url, "all", {
      secret,
      onResult: (outcome, index, total) => {
        expect(total).toBe(argyleWebhookEventNames.length);
        seen.push(`${index}:${outcome.event}`);
      },
    });
    expect(summary).toMatchObject({ ok: true, failed: 0, succeeded: argyleWebhookEventNames.length });
    expect(receiver.received.map((r) => r.event)).toEqual([...argyleWebhookEventNames]);
    expect(seen).toEqual(argyleWebhookEventNames.map((e, i) => `${i}:${e}`));
  });

  it("applies data and set to every selected event", async () => {
    receiver = await startReceiver(secret);
    const summary = await triggerEvents(receiver.url, "gigs.partially_synced", {
      secret,
      data: { name: "from-data", data: { available_count: 7 } },
      set: { "data.days_synced": 90, name: "from-set" },
    });
    expect(summary.ok).toBe(true);
    const body = JSON.parse(receiver.received[0]?.body ?? "{}") as {
      name: string;
      data: Record<string, unknown>;
    };
    expect(body.name).toBe("from-set");
    expect(body.data).toMatchObject({ available_count: 7, days_synced: 90 });
  });

  it("records failures (status and network) without stopping the batch", async () => {
    receiver = await startReceiver(secret);
    const good = createDelivery("gigs.updated", { secret });
    const bad = createDelivery("gigs.updated", { secret: "wrong" });
    const summary = await sendDeliveries(receiver.url, [good, bad, good]);
    expect(summary.outcomes.map((o) => o.status)).toEqual([200, 401, 200]);
    expect(summary).toMatchObject({ ok: false, succeeded: 2, failed: 1 });

    const offline = await sendDeliveries(await closedUrl(), [good]);
    expect(offline.ok).toBe(false);
    expect(offline.outcomes[0]?.error).toBeInstanceOf(ArgyleDeliveryError);
  });

  it("replays recorded bodies byte for byte with their recorded signature", async () => {
    receiver = await startReceiver(secret);
    const raw =
      '{"event":"users.fully_synced","name":"x","data":{"user":"018051aa-f7a9-a0db-2f38-6cfa325e9d69"}}';
    // a capture may hold transport headers of the original request; they must not break the replay
    const headers = {
      ...signDelivery(raw, { secret }).headers,
      "Content-Length": "3",
      Host: "argyle.example",
    };
    const line = JSON.stringify({ body: raw, headers });
    const summary = await sendDeliveries(receiver.url, parseReplayLines(line));
    expect(summary.ok).toBe(true);
    expect(receiver.received[0]?.body).toBe(raw);
  });
});
