// The inbox queue gauges' registration (packages/core/src/inbox-gauges.ts) with the real SDK meter: several receivers
// on one inbox read its depth once per collection, and a closed inbox is no longer read and drops out of the metrics.
import { type ArgyleInboxDepth, type ArgyleInboxPort, ArgyleWebhooks } from "@argyle-webhooks/core";
import * as otel from "@opentelemetry/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { collectionErrors, gauge, useOtel } from "./otel-harness.js";

useOtel();

/** A user-written inbox port (the public interface) that counts its depth reads. */
function countingInbox(queue: string) {
  const port = {
    queue,
    closed: false,
    reads: 0,
    store: async () => "stored" as const,
    depth: async (): Promise<ArgyleInboxDepth> => {
      port.reads++;
      return { pending: 3, retrying: 1, oldestPendingReceivedAt: undefined };
    },
  };
  return port satisfies ArgyleInboxPort;
}

describe("inbox queue gauges", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("two receivers on one inbox register one reader: one query per collection, one point per state", async () => {
    const inbox = countingInbox("shared-queue");
    const options = { secret: "inbox-gauges-secret", logger: false as const, telemetry: otel, inbox };
    new ArgyleWebhooks(options);
    new ArgyleWebhooks(options);
    const queue = { "argyle.inbox.queue": "shared-queue" };
    expect(await gauge("argyle.inbox.queue.depth", { ...queue, "argyle.inbox.state": "pending" })).toEqual([
      3,
    ]);
    expect(inbox.reads).toBe(1);
  });

  it("a closed inbox is no longer read, also once its last depth is older than the 5 s cache; the next inbox still is", async () => {
    const closing = countingInbox("closing-queue");
    const open = countingInbox("open-queue");
    const options = { secret: "inbox-gauges-secret", logger: false as const, telemetry: otel };
    new ArgyleWebhooks({ ...options, inbox: closing });
    new ArgyleWebhooks({ ...options, inbox: open });
    expect(await gauge("argyle.inbox.queue.depth", { "argyle.inbox.queue": "closing-queue" })).toEqual([
      3, 1,
    ]);
    expect([closing.reads, open.reads]).toEqual([1, 1]);
    closing.closed = true;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6_000 });
    expect(await collectionErrors()).toEqual([]);
    // The registration after the closed one is still called in the collection that drops the closed one.
    expect([closing.reads, open.reads]).toEqual([1, 2]);
    vi.setSystemTime(Date.now() + 6_000);
    expect(await collectionErrors()).toEqual([]);
    expect([closing.reads, open.reads]).toEqual([1, 3]);
  });
});
