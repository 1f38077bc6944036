// Issue 17: the inbox side of the telemetry on BullMQ against a real Redis (`npm run test:redis` sets REDIS_URL;
// skipped without it). The same scenarios as test/telemetry/telemetry-inbox.test.ts (embedded pg-boss).
import { createInbox } from "@argyle-webhooks/inbox";
import { describeInboxTelemetry } from "../../telemetry/inbox-telemetry-scenarios.js";
import { useOtel } from "../../telemetry/otel-harness.js";

const REDIS_URL = process.env.REDIS_URL;
useOtel();
let queues = 0;
describeInboxTelemetry(
  "BullMQ",
  async (options) => {
    const inbox = await createInbox({
      ...options,
      bullmq: { connection: REDIS_URL as string },
      queue: `telemetry-${process.pid}-${Date.now()}-${queues++}`,
    });
    let closed = false;
    return {
      inbox,
      jobData: async (key) =>
        (await inbox.bullQueue.getJob(key))?.data as Record<string, unknown> | undefined,
      close: async () => {
        if (closed) return;
        closed = true;
        await inbox.stopWorkers();
        await inbox.bullQueue.obliterate({ force: true });
        await inbox.close();
      },
    };
  },
  !REDIS_URL,
);
