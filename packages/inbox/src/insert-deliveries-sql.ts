import type { DeliveryRow } from "./delivery-batcher.js";

/**
 * One statement that inserts many deliveries into pg-boss's job table (pg-boss 10's columns), with the queue's
 * settings applied the way `boss.send()` applies them (retries, backoff, expiry, retention, dead letter, policy):
 * `$1` the queue, `$2` the job ids, `$3` the data, `$4` the singleton keys. A job id already in the queue is left
 * alone (ON CONFLICT DO NOTHING) and not returned, so the caller tells stored from duplicate in the same round trip.
 * The text is fixed per schema, so the driver can prepare it once per connection.
 * @example
 * ```ts
 * const { rows } = await pool.query(insertDeliveriesSql("pgboss"), deliveryValues("argyle-webhooks", rows));
 * ```
 */
export function insertDeliveriesSql(schema: string): string {
  return `INSERT INTO ${schema}.job (id, name, data, singleton_key, dead_letter, expire_in, keep_until,
  retry_limit, retry_delay, retry_backoff, policy)
SELECT j.id, q.name, j.data, j.singleton_key, q.dead_letter,
  COALESCE(q.expire_seconds, 900) * interval '1 second',
  now() + COALESCE(q.retention_minutes, 20160) * interval '1 minute',
  COALESCE(q.retry_limit, 2),
  CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(COALESCE(q.retry_delay, 0), 1)
    ELSE COALESCE(q.retry_delay, 0) END,
  COALESCE(q.retry_backoff, false),
  q.policy
FROM unnest($2::uuid[], $3::jsonb[], $4::text[]) AS j(id, data, singleton_key)
JOIN ${schema}.queue q ON q.name = $1
ON CONFLICT DO NOTHING
RETURNING id`;
}

/**
 * The parameters of `insertDeliveriesSql()` for these rows.
 * @example
 * ```ts
 * const values = deliveryValues("argyle-webhooks", [{ id, data: JSON.stringify(job), singletonKey: null }]);
 * ```
 */
export function deliveryValues(queue: string, rows: readonly DeliveryRow[]): unknown[] {
  return [queue, rows.map((r) => r.id), rows.map((r) => r.data), rows.map((r) => r.singletonKey)];
}

/**
 * The ids a `RETURNING id` gave back.
 * @example
 * ```ts
 * const inserted = returnedIds(result.rows); // Set { "9f86d081-884c-7d65-9a2f-eaa0c55ad015" }
 * ```
 */
export function returnedIds(rows: readonly Record<string, unknown>[]): Set<string> {
  return new Set(rows.map((r) => String(r.id)));
}
