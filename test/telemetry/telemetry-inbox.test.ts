// Issue 17: the inbox side of the telemetry on the embedded (PGlite) inbox. The same scenarios run on BullMQ in
// test/inbox/redis/telemetry-bullmq.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInbox, deliveryJobId } from "@argyle-webhooks/inbox";
import { afterAll } from "vitest";
import { describeInboxTelemetry } from "./inbox-telemetry-scenarios.js";
import { useOtel } from "./otel-harness.js";

useOtel();
// One data directory for the file, each scenario on a queue of its own: an empty inbox for every scenario (the
// ledger, the gauges and the retry policy are per queue), without unpacking a fresh data directory each time
// (about 1 s of CPU time, mostly creating its 971 files).
const root = mkdtempSync(join(tmpdir(), "argyle-telemetry-inbox-"));
let opened = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeInboxTelemetry("embedded pg-boss", async (options) => {
  opened++;
  const inbox = await createInbox({
    ...options,
    bullmq: undefined,
    directory: join(root, "inbox"),
    queue: `telemetry-${opened}`,
  });
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
    },
  };
});
