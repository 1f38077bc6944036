import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DeliveryRow, InsertDeliveries } from "./delivery-batcher.js";
import { deliveryValues, insertDeliveriesSql, returnedIds } from "./insert-deliveries-sql.js";

/** PostgreSQL's "no such prepared statement" and "prepared statement already exists". */
const PREPARED_STATEMENT_ERRORS = new Set(["26000", "42P05"]);

/**
 * The connections the receiver acknowledges on (PostgreSQL with `connectionString`), apart from pg-boss's pool
 * (workers, maintenance), so an acknowledgement never queues behind a worker's query. Each connection prepares the
 * insert once, under a name of its own (several connections may share one session behind a proxy such as
 * pglite-socket); a proxy that refuses named statements turns them off for this pool.
 * @example
 * ```ts
 * const acks = createAckPool({ connectionString, size: 4, schema: "pgboss", queue: "argyle-webhooks", timeoutMs: 5000, onError });
 * const inserted = await acks.insert(rows);
 * await acks.end();
 * ```
 */
export interface AckPool {
  readonly insert: InsertDeliveries;
  end(): Promise<void>;
}

/** Opens an `AckPool` (connections are made on first use). */
export function createAckPool(options: {
  connectionString: string;
  size: number;
  schema: string;
  queue: string;
  timeoutMs: number;
  onError: (error: unknown) => void;
}): AckPool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.size,
    // A receiver never waits longer than its bound for a connection.
    connectionTimeoutMillis: options.timeoutMs,
    // Kept open: a new connection would prepare the insert again (and, on one shared session, add a statement).
    idleTimeoutMillis: 0,
    application_name: "argyle-webhooks-inbox-ack",
  });
  // An idle connection dropped by the server must not crash the process; the next insert reconnects.
  pool.on("error", options.onError);
  const text = insertDeliveriesSql(options.schema);
  const names = new WeakMap<pg.PoolClient, string>();
  // pg-pool listens for errors only on idle connections: a connection the server drops while we hold it emits
  // "error" on the client (besides failing its query), which would crash the process without a listener of ours.
  const listened = new WeakSet<pg.PoolClient>();
  let prepare = true;
  return {
    async insert(rows: readonly DeliveryRow[]) {
      const client = await pool.connect();
      if (!listened.has(client)) {
        listened.add(client);
        client.on("error", options.onError);
      }
      let failed: Error | undefined;
      try {
        let name = names.get(client);
        if (!name) {
          name = `argyle_inbox_ack_${randomBytes(6).toString("hex")}`;
          names.set(client, name);
        }
        const values = deliveryValues(options.queue, rows);
        const result = await client.query(prepare ? { name, text, values } : { text, values });
        return returnedIds(result.rows);
      } catch (error) {
        failed = error instanceof Error ? error : new Error(String(error));
        if (PREPARED_STATEMENT_ERRORS.has(String((error as { code?: unknown }).code))) prepare = false;
        throw error;
      } finally {
        // After an error the connection is not reused: it may be broken, or hold a statement we gave up on.
        client.release(failed);
      }
    },
    end: () => pool.end(),
  };
}
