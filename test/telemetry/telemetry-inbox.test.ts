// Issue 17: the inbox side of the telemetry on the embedded (PGlite) inbox. The same scenarios run on BullMQ in
// test/inbox/redis/telemetry-bullmq.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInbox, deliveryJobId } from "@argyle-webhooks/inbox";
import { describeInboxTelemetry } from "./inbox-telemetry-scenarios.js";
import { useOtel } from "./otel-harness.js";

useOtel();
describeInboxTelemetry("embedded pg-boss", async (options) => {
  const root = mkdtempSync(join(tmpdir(), "argyle-telemetry-inbox-"));
  const inbox = await createInbox({ ...options, bullmq: undefined, directory: join(root, "inbox") });
  let closed = false;
  return {
    inbox,
    jobData: async (key) =>
      ((await inbox.boss.getJobById(inbox.queue, deliveryJobId(key)))?.data ?? undefined) as
        | Record<string, unknown>
        | undefined,
    close: async () => {
      if (closed) return;
      closed = true;
      await inbox.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
});
