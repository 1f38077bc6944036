import type {
  ArgyleInboxDelivery,
  ArgyleInboxDepth,
  ArgyleInboxPort,
  ArgyleStoredDelivery,
} from "@argyle-webhooks/core";
import type PgBoss from "pg-boss";
import { DeliveryBatcher, type InsertDeliveries } from "./delivery-batcher.js";
import { deliveryJobId } from "./delivery-job-id.js";
import { pgBossDepth } from "./inbox-metrics.js";
import type { InboxOptions, WorkOptions } from "./inbox-options.js";
import { deliveryValues, insertDeliveriesSql, returnedIds } from "./insert-deliveries-sql.js";
import {
  type DeliveryState,
  emptyStats,
  type LedgerEntry,
  type LedgerStats,
  type ListOptions,
} from "./ledger-entry.js";
import { JOB_STATE, ledgerSelect, toLedgerEntry } from "./ledger-queries.js";
import { storedTraceContext } from "./trace-context.js";

type Runner = (delivery: ArgyleStoredDelivery) => Promise<readonly unknown[]>;

/** What a stored job carries: the delivery's facts and its body as received (no headers, no signature). */
interface JobData {
  key: string;
  body: string;
  event: string;
  subscription: string | null;
  account: string | null;
  receivedAt: string;
  /** The receiving request's W3C trace context (with telemetry), for the worker span's link. */
  trace?: Record<string, string>;
}

/**
 * The parts of the store an inbox works with, whichever engine holds it (built by `createInbox()`).
 * @example
 * ```ts
 * const engine: InboxEngine = { boss, schema: "pgboss", query: (text, values) => boss.getDb().executeSql(text, values), close: async () => {} };
 * const inbox = new ArgyleInbox(engine, "argyle-webhooks", {});
 * ```
 */
export interface InboxEngine {
  readonly boss: PgBoss;
  /** Runs one SQL statement with parameters. */
  query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  readonly schema: string;
  /**
   * Inserts a batch of deliveries into pg-boss's job table on connections of its own (see `createAckPool`).
   * Default: `insertDeliveriesSql()` through `query`.
   */
  readonly insertDeliveries?: InsertDeliveries;
  /** Inserts that may run at once (one batch each). Default 2. */
  readonly ackConcurrency?: number;
  /** Stops what createInbox started (the embedded database, our own pg-boss). */
  close(): Promise<void>;
}

function summarise(failures: readonly unknown[]): Error {
  const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
  return new Error(messages.join("; ") || "handler failed");
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * Durable delivery on pg-boss: the `inbox` option of `argyleWebhooks()` / `new ArgyleWebhooks()`, the workers
 * that run the handlers from it, and the ledger. Create it with `createInbox()`.
 * @example
 * ```ts
 * const inbox = await createInbox();
 * const webhooks = new ArgyleWebhooks({ secret, inbox, handlers: { onPaystubsAdded: syncPaystubs } });
 * await inbox.work({ concurrency: 4 });
 * ```
 */
export class ArgyleInbox implements ArgyleInboxPort {
  readonly storeTimeoutMs: number;
  readonly retryAfterSeconds: number;
  /** The pg-boss queue deliveries go to. */
  readonly queue: string;
  readonly #engine: InboxEngine;
  readonly #options: InboxOptions;
  #runner: Runner | undefined;
  #workers: Promise<void>[] = [];
  #stop = new AbortController();
  #completed: string[] = [];
  #completing: Promise<void> | undefined;
  #closed = false;
  readonly #acks: DeliveryBatcher;

  /** Use `createInbox()`. */
  constructor(engine: InboxEngine, queue: string, options: InboxOptions) {
    this.#engine = engine;
    this.queue = queue;
    this.#options = options;
    this.storeTimeoutMs = options.storeTimeoutMs ?? 5000;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 30;
    const sql = insertDeliveriesSql(engine.schema);
    const insert: InsertDeliveries =
      engine.insertDeliveries ??
      (async (rows) => returnedIds((await engine.query(sql, deliveryValues(queue, rows))).rows));
    this.#acks = new DeliveryBatcher(insert, {
      maxInFlight: engine.ackConcurrency ?? 2,
      staleAfterMs: this.storeTimeoutMs,
    });
  }

  /** The pg-boss instance (for monitoring or your own queues). */
  get boss(): PgBoss {
    return this.#engine.boss;
  }

  /** Called by `ArgyleWebhooks` when it is given this inbox: the handlers the workers run. */
  attach(run: Runner): void {
    this.#runner = run;
  }

  /**
   * Commits a verified delivery as a pg-boss job whose id is derived from its delivery key. Resolves
   * `"duplicate"` when that key is already in the inbox (within the retention). Called by the receiver.
   * @example
   * ```ts
   * const outcome = await inbox.store({ deliveryKey, rawBody, event, subscription, account, receivedAt: new Date() });
   * ```
   */
  async store(delivery: ArgyleInboxDelivery): Promise<"stored" | "duplicate"> {
    const id = deliveryJobId(delivery.deliveryKey);
    const data: JobData = {
      key: delivery.deliveryKey,
      body: Buffer.from(
        delivery.rawBody.buffer,
        delivery.rawBody.byteOffset,
        delivery.rawBody.byteLength,
      ).toString("utf8"),
      event: delivery.event,
      subscription: delivery.subscription ?? null,
      account: delivery.account ?? null,
      receivedAt: delivery.receivedAt.toISOString(),
    };
    const trace = storedTraceContext(delivery.traceContext);
    if (trace) data.trace = trace;
    // One multi-row INSERT … ON CONFLICT DO NOTHING RETURNING id into pg-boss's job table for the deliveries
    // arriving together (see DeliveryBatcher): resolves after that statement committed.
    const singletonKey =
      this.#options.serializeBy === "account" && delivery.account ? delivery.account : null;
    return this.#acks.insert({ id, data: JSON.stringify(data), singletonKey });
  }

  /**
   * Starts workers that run the stored deliveries through the handlers of the `ArgyleWebhooks` (or adapter) this
   * inbox was given to: retried with exponential backoff, then dead. Resolves once they run.
   * @example
   * ```ts
   * app.use(argyleWebhooks({ secret, inbox, handlers }));
   * await inbox.work({ concurrency: 4 });
   * ```
   */
  async work(options: WorkOptions = {}): Promise<void> {
    if (!this.#runner) {
      throw new Error(
        "inbox.work(): no handlers. Pass this inbox to argyleWebhooks({ inbox, handlers }) or new ArgyleWebhooks({ inbox, ... }) first",
      );
    }
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    const intervalMs = Math.max(0.1, options.pollingIntervalSeconds ?? 0.5) * 1000;
    if (this.#stop.signal.aborted) this.#stop = new AbortController();
    this.#workers.push(this.#pool(concurrency, intervalMs, this.#stop.signal));
  }

  /**
   * Keeps up to `concurrency` deliveries running: fetches as many as there are free slots in one query (pg-boss
   * `SKIP LOCKED`), and completes finished ones in batches, so a busy worker costs few queries per delivery.
   */
  async #pool(concurrency: number, intervalMs: number, signal: AbortSignal): Promise<void> {
    const running = new Set<Promise<void>>();
    while (!signal.aborted) {
      const free = concurrency - running.size;
      let jobs: PgBoss.JobWithMetadata<JobData>[] = [];
      try {
        jobs = await this.#engine.boss.fetch<JobData>(this.queue, { batchSize: free, includeMetadata: true });
      } catch (error) {
        this.#options.onError?.(error);
      }
      for (const job of jobs) {
        const run: Promise<void> = this.#runJob(job).finally(() => running.delete(run));
        running.add(run);
      }
      if (running.size >= concurrency) await Promise.race(running);
      else if (jobs.length < free) await sleep(intervalMs, signal);
    }
    await Promise.all(running);
  }

  /** Completes a job with the others finishing in the same tick (one query); resolves when it is committed. */
  #complete(id: string): Promise<void> {
    this.#completed.push(id);
    this.#completing ??= new Promise((resolve) => setImmediate(resolve)).then(async () => {
      const ids = this.#completed;
      this.#completed = [];
      this.#completing = undefined;
      await this.#engine.boss.complete(this.queue, ids);
    });
    return this.#completing;
  }

  async #runJob(job: PgBoss.JobWithMetadata<JobData>): Promise<void> {
    let failure: Error | undefined;
    try {
      const failures = await (this.#runner as Runner)({
        deliveryKey: job.data.key,
        rawBody: Buffer.from(job.data.body, "utf8"),
        receivedAt: new Date(job.data.receivedAt),
        attempt: job.retryCount + 1,
        maxAttempts: job.retryLimit + 1,
        traceContext: storedTraceContext(job.data.trace),
      });
      if (failures.length > 0) failure = summarise(failures);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    try {
      if (failure) await this.#engine.boss.fail(this.queue, job.id, { message: failure.message });
      else await this.#complete(job.id);
    } catch (error) {
      // The store is away: the job stays active and is retried after its expiry.
      this.#options.onError?.(error);
    }
  }

  /**
   * Graceful stop of this process's workers: no new delivery is taken, running ones finish (up to `timeoutMs`,
   * default 30 s); those still running then are left to expire and be retried.
   * @example
   * ```ts
   * process.on("SIGTERM", async () => { await inbox.stopWorkers(); await inbox.close(); });
   * ```
   */
  async stopWorkers(timeoutMs = 30_000): Promise<void> {
    this.#stop.abort();
    const all = Promise.all(this.#workers);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.#workers = [];
  }

  /**
   * Deliveries in the ledger, newest first.
   * @example
   * ```ts
   * for (const entry of await inbox.list({ state: "dead" })) console.log(entry.deliveryKey, entry.lastError);
   * ```
   */
  async list(options: ListOptions = {}): Promise<LedgerEntry[]> {
    const values: unknown[] = [this.queue];
    const where: string[] = [];
    if (options.state) {
      values.push(JOB_STATE[options.state]);
      where.push(`state = $${values.length}`);
    }
    if (options.event) {
      values.push(options.event);
      where.push(`data->>'event' = $${values.length}`);
    }
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 50)), 1000);
    const { rows } = await this.#engine.query(
      `SELECT * FROM (${ledgerSelect(this.#engine.schema)}) l ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_on DESC LIMIT ${limit}`,
      values,
    );
    return rows.map(toLedgerEntry);
  }

  /**
   * One delivery by its key (or a unique prefix of at least 8 characters, as the CLI shows them).
   * @example
   * ```ts
   * const entry = await inbox.get(context.deliveryKey);
   * ```
   */
  async get(deliveryKey: string): Promise<LedgerEntry | undefined> {
    const prefix = deliveryKey.toLowerCase();
    if (!/^[0-9a-f]{8,64}$/.test(prefix)) return undefined;
    const { rows } = await this.#engine.query(
      `SELECT * FROM (${ledgerSelect(this.#engine.schema)}) l WHERE data->>'key' LIKE $2 ORDER BY created_on DESC LIMIT 2`,
      [this.queue, `${prefix}%`],
    );
    return rows.length === 1 && rows[0] ? toLedgerEntry(rows[0]) : undefined;
  }

  /**
   * Runs a dead delivery again (one more attempt). Resolves false when it is not dead.
   * @example
   * ```ts
   * await inbox.retry(deliveryKey);
   * ```
   */
  async retry(deliveryKey: string): Promise<boolean> {
    const entry = await this.get(deliveryKey);
    if (entry?.state !== "dead") return false;
    const result = await this.#engine.boss.retry(this.queue, entry.jobId);
    return (result as unknown as { affected?: number }).affected === 1;
  }

  /**
   * Runs every dead delivery again. Resolves how many.
   * @example
   * ```ts
   * const count = await inbox.redrive();
   * ```
   */
  async redrive(): Promise<number> {
    const { rows } = await this.#engine.query(
      `SELECT id FROM ${this.#engine.schema}.job WHERE name = $1 AND state = 'failed'`,
      [this.queue],
    );
    if (rows.length === 0) return 0;
    const result = await this.#engine.boss.retry(
      this.queue,
      rows.map((r) => String(r.id)),
    );
    return (result as unknown as { affected?: number }).affected ?? 0;
  }

  /**
   * Deletes finished deliveries (done, dead or cancelled) older than `olderThanDays` (default 0: all of them).
   * Resolves how many. Pending and running ones are never purged.
   * @example
   * ```ts
   * await inbox.purge({ olderThanDays: 30 });
   * ```
   */
  async purge(options: { olderThanDays?: number } = {}): Promise<number> {
    const days = Math.max(0, options.olderThanDays ?? 0);
    const { schema } = this.#engine;
    let count = 0;
    for (const table of ["job", "archive"]) {
      const { rows } = await this.#engine.query(
        `WITH d AS (DELETE FROM ${schema}.${table} WHERE name = $1 AND state IN ('completed', 'failed', 'cancelled')
          AND completed_on < now() - make_interval(days => $2::int) RETURNING 1) SELECT count(*)::int AS n FROM d`,
        [this.queue, days],
      );
      count += Number(rows[0]?.n ?? 0);
    }
    return count;
  }

  /**
   * Deliveries per state, live and archived.
   * @example
   * ```ts
   * const { pending, active, dead, total } = await inbox.stats();
   * ```
   */
  async stats(): Promise<LedgerStats> {
    const { rows } = await this.#engine.query(
      `SELECT state, count(*)::int AS n FROM (${ledgerSelect(this.#engine.schema)}) l GROUP BY state`,
      [this.queue],
    );
    const stats = emptyStats();
    for (const row of rows) {
      const state = (Object.keys(JOB_STATE) as DeliveryState[]).find((s) => JOB_STATE[s] === row.state);
      if (state) stats[state] += Number(row.n);
      stats.total += Number(row.n);
    }
    return stats;
  }

  /**
   * Deliveries waiting for a first run or a retry, and the oldest waiting one's receive time (one grouped query on
   * the live job table). Read by the telemetry's queue gauges; undefined once closed.
   * @example
   * ```ts
   * const depth = await inbox.depth(); // { pending: 3, retrying: 1, oldestPendingReceivedAt: Date }
   * ```
   */
  async depth(): Promise<ArgyleInboxDepth | undefined> {
    if (this.#closed) return undefined;
    return pgBossDepth((text, values) => this.#engine.query(text, values), this.#engine.schema, this.queue);
  }

  /**
   * True once {@link close} was called: the telemetry's queue gauges stop reading a closed inbox.
   * @example
   * ```ts
   * await inbox.close();
   * inbox.closed; // true
   * ```
   */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Stops the workers (gracefully) and pg-boss, and closes the store (the embedded database is flushed).
   * @example
   * ```ts
   * await inbox.close();
   * ```
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stopWorkers();
    await this.#engine.close();
  }
}
