// Issue 17: the inbox side of the telemetry on a real PostgreSQL server (`npm run test:postgres` sets
// ARGYLE_INBOX_POSTGRES_URL; skipped without it). The same scenarios as test/telemetry/telemetry-inbox.test.ts.
import { createInbox, deliveryJobId } from "@argyle-webhooks/inbox";
import { describeInboxTelemetry } from "../../telemetry/inbox-telemetry-scenarios.js";
import { useOtel } from "../../telemetry/otel-harness.js";

const url = process.env.ARGYLE_INBOX_POSTGRES_URL;
useOtel();
let queues = 0;
describeInboxTelemetry(
  "PostgreSQL",
  async (options) => {
    const queue = `telemetry-${process.pid}-${Date.now()}-${queues++}`;
    const inbox = await createInbox({
      ...options,
      bullmq: undefined,
      connectionString: url as string,
      max: 3,
      queue,
    });
    let closed = false;
    return {
      inbox,
      jobData: async (key) =>
        ((await inbox.boss.getJobById(queue, deliveryJobId(key)))?.data ?? undefined) as
          | Record<string, unknown>
          | undefined,
      close: async () => {
        if (closed) return;
        closed = true;
        await inbox.stopWorkers();
        // Its jobs go (the empty queue row stays; the cluster itself is thrown away by scripts/postgres-test.sh).
        await inbox.boss.getDb().executeSql("DELETE FROM pgboss.job WHERE name = $1", [queue]);
        await inbox.close();
      },
    };
  },
  !url,
);
