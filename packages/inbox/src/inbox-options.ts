import type { Queue } from "bullmq";
import type { RedisOptions } from "ioredis";
import type PgBoss from "pg-boss";

/**
 * Options of `createInbox()`. With none, the inbox is embedded: PGlite in `./.argyle-inbox`, one process.
 * @example
 * ```ts
 * const options: InboxOptions = { connectionString: process.env.DATABASE_URL, retryLimit: 8, retentionDays: 14 };
 * ```
 */
export interface InboxOptions {
  /** Embedded store directory (PGlite). Default `./.argyle-inbox`. One process owns it at a time. */
  directory?: string;
  /** A PostgreSQL server: any number of receivers and workers, in any number of processes and machines. */
  connectionString?: string;
  /** Your own pg-boss instance (PostgreSQL); started if it is not. The inbox does not stop it on `close()`. */
  boss?: PgBoss;
  /**
   * Redis via BullMQ instead of PostgreSQL: a `redis://` URL or ioredis options, or your own BullMQ `Queue`
   * (its name and prefix are used; `close()` leaves it open). BullMQ is loaded only then.
   * `serializeBy` is refused with it (BullMQ has per-group serialisation only in BullMQ Pro).
   */
  bullmq?: { connection: string | RedisOptions } | { queue: Queue };
  /** pg-boss queue name. Default `argyle-webhooks`. */
  queue?: string;
  /** pg-boss schema (with `connectionString`). Default `pgboss`. */
  schema?: string;
  /** Pool size of the connection to PostgreSQL (with `connectionString`). Default 10. */
  max?: number;
  /**
   * Connections the receivers acknowledge on (with `connectionString`), apart from the `max` of pg-boss's pool:
   * the deliveries arriving while these are busy are inserted together, one statement per batch. Default 4.
   */
  ackConnections?: number;
  /**
   * How long `createInbox()` waits for PostgreSQL (`connectionString`) or Redis (`bullmq`) to answer before it
   * rejects with an error naming host:port (instead of retrying forever). Default 5000 ms. Once started, an outage
   * gives 503 with `Retry-After` and the inbox resumes when the server is back.
   */
  connectTimeoutMs?: number;
  /** Retries after the first attempt before the delivery is dead. Default 5. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled at each retry (`retryBackoff`). Default 5. */
  retryDelaySeconds?: number;
  /** Exponential backoff between retries. Default true. */
  retryBackoff?: boolean;
  /** A run that has not finished after this many seconds (its worker died) is failed and retried. Default 900. */
  expireInSeconds?: number;
  /**
   * Run deliveries of one key one at a time: `"account"` serialises by `data.account` (reordered deliveries of
   * one account never run concurrently). Fixed when the queue is created. Default: no serialisation.
   */
  serializeBy?: "account";
  /** Finished deliveries (done or dead) stay in the ledger, and duplicates are recognised, this many days. Default 7. */
  retentionDays?: number;
  /** How long a receiver waits for the commit before answering 503. Default 5000 ms. */
  storeTimeoutMs?: number;
  /** `Retry-After` of a 503, in seconds. Default 30. */
  retryAfterSeconds?: number;
  /** How often pg-boss runs maintenance (expiry, archiving), in seconds. Default 60. */
  maintenanceIntervalSeconds?: number;
  /** Where pg-boss errors go. Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * Options of `inbox.work()`.
 * @example
 * ```ts
 * await inbox.work({ concurrency: 4, pollingIntervalSeconds: 1 });
 * ```
 */
export interface WorkOptions {
  /** Deliveries run at once in this process. Default 1. */
  concurrency?: number;
  /** How often an idle worker looks for work. Default 0.5 s (pg-boss's minimum). */
  pollingIntervalSeconds?: number;
}
