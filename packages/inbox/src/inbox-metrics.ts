import type { ArgyleInboxDepth } from "@argyle-webhooks/core";
import type { Job, Queue } from "bullmq";

/**
 * Queue depth of a pg-boss inbox in one grouped query on the live job table (never the archive): jobs waiting for a
 * first run (`created`) or a retry (`retry`), and the oldest waiting one's receive time.
 * @example
 * ```ts
 * const depth = await pgBossDepth((text, values) => db.executeSql(text, values), "pgboss", "argyle-webhooks");
 * ```
 */
export async function pgBossDepth(
  query: (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>,
  schema: string,
  queue: string,
): Promise<ArgyleInboxDepth> {
  const { rows } = await query(
    `SELECT state::text AS state, count(*)::int AS n, min(created_on) AS oldest FROM ${schema}.job
      WHERE name = $1 AND state IN ('created', 'retry') GROUP BY state`,
    [queue],
  );
  let pending = 0;
  let retrying = 0;
  let oldest: Date | undefined;
  for (const row of rows) {
    if (row.state === "created") {
      pending = Number(row.n);
      if (row.oldest !== null && row.oldest !== undefined) oldest = new Date(row.oldest as string | Date);
    } else retrying = Number(row.n);
  }
  return { pending, retrying, oldestPendingReceivedAt: oldest };
}

/**
 * Queue depth of a BullMQ inbox: BullMQ's job counts (waiting and prioritized are pending, delayed is retrying) and
 * the oldest waiting job, read from the tail of the wait list (one job).
 * @example
 * ```ts
 * const depth = await bullDepth(inbox.bullQueue);
 * ```
 */
export async function bullDepth(queue: Queue): Promise<ArgyleInboxDepth> {
  const counts = await queue.getJobCounts("waiting", "prioritized", "delayed");
  const pending = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  let oldest: Date | undefined;
  if (pending > 0) {
    const [job] = (await queue.getJobs(["waiting"], 0, 0, true)) as (Job | undefined)[];
    const received = (job?.data as { receivedAt?: unknown } | undefined)?.receivedAt;
    if (typeof received === "string") oldest = new Date(received);
    else if (job?.timestamp) oldest = new Date(job.timestamp);
  }
  return { pending, retrying: counts.delayed ?? 0, oldestPendingReceivedAt: oldest };
}
