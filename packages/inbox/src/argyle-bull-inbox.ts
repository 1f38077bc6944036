import type {
  ArgyleInboxDelivery,
  ArgyleInboxDepth,
  ArgyleInboxPort,
  ArgyleStoredDelivery,
} from "@argyle-webhooks/core";
import type { Job, JobType, Queue, Worker } from "bullmq";
import type { Redis, RedisOptions } from "ioredis";
import { bullDepth } from "./inbox-metrics.js";
import type { InboxOptions, WorkOptions } from "./inbox-options.js";
import {
  type DeliveryState,
  emptyStats,
  type LedgerEntry,
  type LedgerStats,
  type ListOptions,
} from "./ledger-entry.js";
import { storedTraceContext } from "./trace-context.js";

type Runner = (delivery: ArgyleStoredDelivery) => Promise<readonly unknown[]>;

/** What a stored job carries: the delivery's facts and its body as received (no headers, no signature). */
interface BullJobData {
  key: string;
  body: string;
  event: string;
  subscription: string | null;
  account: string | null;
  receivedAt: string;
  /** The receiving request's W3C trace context (with telemetry), for the worker span's link. */
  trace?: Record<string, string>;
}

/** BullMQ's job states as ledger states. */
const BULL_STATE: Record<DeliveryState, JobType[]> = {
  pending: ["waiting", "prioritized", "waiting-children"],
  active: ["active"],
  retrying: ["delayed"],
  done: ["completed"],
  dead: ["failed"],
  cancelled: [],
};

/**
 * What `createInbox({ bullmq })` builds the BullMQ inbox from (the modules are loaded only then).
 * @example
 * ```ts
 * const parts: BullInboxParts = { bullmq: await import("bullmq"), Redis: (await import("ioredis")).Redis, connection: "redis://127.0.0.1:6379" };
 * ```
 */
export interface BullInboxParts {
  readonly bullmq: typeof import("bullmq");
  readonly Redis: typeof Redis;
  /** A `redis://` URL or ioredis options (unused with `queue`). */
  readonly connection?: string | RedisOptions;
  /** Your own BullMQ `Queue`: its name, prefix and connection are used; `close()` leaves it open. */
  readonly queue?: Queue;
}

function summarise(failures: readonly unknown[]): Error {
  const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
  return new Error(messages.join("; ") || "handler failed");
}

function toEntry(job: Job<BullJobData>, state: DeliveryState): LedgerEntry {
  const data = job.data;
  return {
    deliveryKey: data.key,
    jobId: String(job.id),
    state,
    attempts: job.attemptsStarted ?? job.attemptsMade,
    lastError: job.failedReason || undefined,
    event: data.event,
    subscription: data.subscription ?? undefined,
    account: data.account ?? undefined,
    receivedAt: new Date(data.receivedAt),
    completedAt: job.finishedOn ? new Date(job.finishedOn) : undefined,
    body: data.body,
  };
}

/**
 * Durable delivery on BullMQ (Redis), with the same API as the pg-boss `ArgyleInbox`: the `inbox` option of
 * `argyleWebhooks()` / `new ArgyleWebhooks()`, workers, and the ledger. Create it with
 * `createInbox({ bullmq: { connection } })`. The job id is the delivery key; a marker key kept for the retention
 * recognises redeliveries after BullMQ removed the finished job. No per-account serialisation (that needs
 * BullMQ Pro groups).
 * @example
 * ```ts
 * const inbox = await createInbox({ bullmq: { connection: process.env.REDIS_URL } });
 * const webhooks = new ArgyleWebhooks({ secret, inbox, handlers: { onPaystubsAdded: syncPaystubs } });
 * await inbox.work({ concurrency: 4 });
 * ```
 */
export class ArgyleBullInbox implements ArgyleInboxPort {
  readonly storeTimeoutMs: number;
  readonly retryAfterSeconds: number;
  /** The BullMQ queue name deliveries go to. */
  readonly queue: string;
  readonly #parts: BullInboxParts;
  readonly #options: InboxOptions;
  readonly #redis: Redis;
  readonly #bull: Queue<BullJobData>;
  readonly #retentionSeconds: number;
  readonly #ownQueue: boolean;
  #runner: Runner | undefined;
  #workers: { worker: Worker<BullJobData>; redis: Redis }[] = [];
  #closed = false;

  /** Use `createInbox({ bullmq })`. */
  constructor(parts: BullInboxParts, queue: string, options: InboxOptions) {
    this.#parts = parts;
    this.queue = queue;
    this.#options = options;
    this.storeTimeoutMs = options.storeTimeoutMs ?? 5000;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 30;
    const retentionDays = options.retentionDays ?? 7;
    if (!Number.isInteger(retentionDays) || retentionDays < 1)
      throw new TypeError("createInbox: retentionDays must be a whole number of days, at least 1");
    this.#retentionSeconds = retentionDays * 86_400;
    this.#redis = this.#connect({});
    this.#redis.on("error", (error) => options.onError?.(error));
    this.#ownQueue = parts.queue === undefined;
    this.#bull = (parts.queue ??
      new parts.bullmq.Queue<BullJobData>(queue, { connection: this.#redis })) as Queue<BullJobData>;
    if (this.#ownQueue) this.#bull.on("error", (error) => options.onError?.(error));
  }

  /** A new connection to the same Redis (your Queue's, when you gave one). */
  #connect(extra: RedisOptions): Redis {
    const { Redis: Client } = this.#parts;
    const connection = this.#parts.queue ? this.#parts.queue.opts.connection : this.#parts.connection;
    if (typeof connection === "string") return new Client(connection, extra);
    if (connection && typeof (connection as Partial<Redis>).duplicate === "function")
      return (connection as Redis).duplicate(extra);
    if (connection && typeof connection === "object")
      return new Client({ ...(connection as RedisOptions), ...extra });
    throw new TypeError(
      "createInbox: bullmq needs a connection (a redis:// URL or ioredis options) or a queue",
    );
  }

  /** The BullMQ `Queue` (for monitoring, e.g. a dashboard). */
  get bullQueue(): Queue<BullJobData> {
    return this.#bull;
  }

  /** Called by `ArgyleWebhooks` when it is given this inbox: the handlers the workers run. */
  attach(run: Runner): void {
    this.#runner = run;
  }

  #marker(key: string): string {
    return `argyle-webhooks:${this.queue}:delivery:${key}`;
  }

  /**
   * Adds a verified delivery as a BullMQ job whose id is its delivery key; resolves once Redis accepted it.
   * Resolves `"duplicate"` when that key was seen within the retention. Called by the receiver.
   * @example
   * ```ts
   * const outcome = await inbox.store({ deliveryKey, rawBody, event, subscription, account, receivedAt: new Date() });
   * ```
   */
  async store(delivery: ArgyleInboxDelivery): Promise<"stored" | "duplicate"> {
    const key = delivery.deliveryKey;
    if (!/^[0-9a-f]{32,}$/.test(key)) throw new TypeError("inbox.store: expected a hex delivery key");
    const marker = this.#marker(key);
    if ((await this.#redis.exists(marker)) === 1) return "duplicate";
    const data: BullJobData = {
      key,
      body: new TextDecoder().decode(delivery.rawBody),
      event: delivery.event,
      subscription: delivery.subscription ?? null,
      account: delivery.account ?? null,
      receivedAt: delivery.receivedAt.toISOString(),
    };
    const trace = storedTraceContext(delivery.traceContext);
    if (trace) data.trace = trace;
    const retries = this.#options.retryLimit ?? 5;
    const delay = (this.#options.retryDelaySeconds ?? 5) * 1000;
    // Adding an existing job id is a no-op in BullMQ, so the add is idempotent; the marker then says which of
    // two racing receivers stored it. Marker only after the job: a failure in between is a 503 and a redelivery.
    await this.#bull.add(delivery.event, data, {
      jobId: key,
      attempts: retries + 1,
      backoff: { type: this.#options.retryBackoff === false ? "fixed" : "exponential", delay },
      removeOnComplete: { age: this.#retentionSeconds },
      removeOnFail: { age: this.#retentionSeconds },
    });
    const set = await this.#redis.set(marker, "1", "EX", this.#retentionSeconds + 86_400, "NX");
    return set === "OK" ? "stored" : "duplicate";
  }

  /**
   * Starts a BullMQ worker that runs the stored deliveries through the handlers of the `ArgyleWebhooks` this
   * inbox was given to: retried with exponential backoff, then dead (BullMQ's failed set).
   * @example
   * ```ts
   * await inbox.work({ concurrency: 4 });
   * ```
   */
  async work(options: WorkOptions = {}): Promise<void> {
    const runner = this.#runner;
    if (!runner) {
      throw new Error(
        "inbox.work(): no handlers. Pass this inbox to argyleWebhooks({ inbox, handlers }) or new ArgyleWebhooks({ inbox, ... }) first",
      );
    }
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    const lockMs = (this.#options.expireInSeconds ?? 900) * 1000;
    const redis = this.#connect({ maxRetriesPerRequest: null });
    redis.on("error", (error) => this.#options.onError?.(error));
    const worker = new this.#parts.bullmq.Worker<BullJobData>(
      this.queue,
      async (job) => {
        const failures = await runner({
          deliveryKey: job.data.key,
          rawBody: new TextEncoder().encode(job.data.body),
          receivedAt: new Date(job.data.receivedAt),
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
          traceContext: storedTraceContext(job.data.trace),
        });
        if (failures.length > 0) throw summarise(failures);
      },
      {
        connection: redis,
        ...(this.#bull.opts.prefix ? { prefix: this.#bull.opts.prefix } : {}),
        concurrency,
        // A dead worker's lock expires after expireInSeconds; the stalled check (at most every 30 s) then
        // puts its job back to waiting.
        lockDuration: lockMs,
        stalledInterval: Math.min(lockMs, 30_000),
      },
    );
    worker.on("error", (error) => this.#options.onError?.(error));
    this.#workers.push({ worker, redis });
    await worker.waitUntilReady();
  }

  /**
   * Graceful stop of this process's workers: no new delivery is taken, running ones finish (up to `timeoutMs`).
   * @example
   * ```ts
   * await inbox.stopWorkers();
   * ```
   */
  async stopWorkers(timeoutMs = 30_000): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
    const graceful = Promise.all(workers.map((w) => w.worker.close())).then(() => false);
    if (await Promise.race([graceful, timeout])) await Promise.all(workers.map((w) => w.worker.close(true)));
    clearTimeout(timer);
    for (const { redis } of workers) redis.disconnect();
  }

  async #entries(state: DeliveryState | undefined): Promise<LedgerEntry[]> {
    const states = state ? [state] : (Object.keys(BULL_STATE) as DeliveryState[]);
    const entries: LedgerEntry[] = [];
    for (const s of states) {
      for (const type of BULL_STATE[s]) {
        const jobs = (await this.#bull.getJobs(type, 0, 999)) as Job<BullJobData>[];
        for (const job of jobs) if (job?.data?.key) entries.push(toEntry(job, s));
      }
    }
    return entries.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  }

  /**
   * Deliveries in the ledger, newest first (at most 1000 per BullMQ state are read).
   * @example
   * ```ts
   * for (const entry of await inbox.list({ state: "dead" })) console.log(entry.deliveryKey, entry.lastError);
   * ```
   */
  async list(options: ListOptions = {}): Promise<LedgerEntry[]> {
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 50)), 1000);
    const entries = await this.#entries(options.state);
    return entries.filter((e) => !options.event || e.event === options.event).slice(0, limit);
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
    let job: Job<BullJobData> | undefined;
    if (prefix.length === 64) job = (await this.#bull.getJob(prefix)) as Job<BullJobData> | undefined;
    else {
      const found = (await this.#entries(undefined)).filter((e) => e.deliveryKey.startsWith(prefix));
      if (found.length !== 1 || !found[0]) return undefined;
      job = (await this.#bull.getJob(found[0].deliveryKey)) as Job<BullJobData> | undefined;
    }
    if (!job?.data?.key) return undefined;
    const bullState = await job.getState();
    const state = (Object.keys(BULL_STATE) as DeliveryState[]).find((s) =>
      (BULL_STATE[s] as string[]).includes(bullState),
    );
    return toEntry(job, state ?? "pending");
  }

  /**
   * Runs a dead delivery again (BullMQ resets its attempts). Resolves false when it is not dead.
   * @example
   * ```ts
   * await inbox.retry(deliveryKey);
   * ```
   */
  async retry(deliveryKey: string): Promise<boolean> {
    const entry = await this.get(deliveryKey);
    if (entry?.state !== "dead") return false;
    const job = await this.#bull.getJob(entry.jobId);
    if (!job) return false;
    await job.retry("failed");
    return true;
  }

  /**
   * Runs every dead delivery again. Resolves how many.
   * @example
   * ```ts
   * const count = await inbox.redrive();
   * ```
   */
  async redrive(): Promise<number> {
    const count = (await this.#bull.getJobCounts("failed")).failed ?? 0;
    if (count > 0) await this.#bull.retryJobs({ state: "failed", count: 1000 });
    return count;
  }

  /**
   * Deletes finished deliveries (done or dead) older than `olderThanDays` (default 0: all of them). Their
   * markers stay until the retention ends, so redeliveries are still recognised. Resolves how many.
   * @example
   * ```ts
   * await inbox.purge({ olderThanDays: 30 });
   * ```
   */
  async purge(options: { olderThanDays?: number } = {}): Promise<number> {
    const grace = Math.max(0, options.olderThanDays ?? 0) * 86_400_000;
    let count = 0;
    for (const type of ["completed", "failed"] as const) {
      for (;;) {
        const removed = await this.#bull.clean(grace, 1000, type);
        count += removed.length;
        if (removed.length < 1000) break;
      }
    }
    return count;
  }

  /**
   * Deliveries per state (BullMQ's job counts).
   * @example
   * ```ts
   * const { pending, active, dead, total } = await inbox.stats();
   * ```
   */
  async stats(): Promise<LedgerStats> {
    const counts = await this.#bull.getJobCounts(...Object.values(BULL_STATE).flat());
    const stats = emptyStats();
    for (const state of Object.keys(BULL_STATE) as DeliveryState[]) {
      for (const type of BULL_STATE[state]) stats[state] += counts[type] ?? 0;
      stats.total += stats[state];
    }
    return stats;
  }

  /**
   * Deliveries waiting for a first run or a retry, and the oldest waiting one's receive time (BullMQ's job counts
   * and the tail of the wait list). Read by the telemetry's queue gauges; undefined once closed.
   * @example
   * ```ts
   * const depth = await inbox.depth(); // { pending: 3, retrying: 1, oldestPendingReceivedAt: Date }
   * ```
   */
  async depth(): Promise<ArgyleInboxDepth | undefined> {
    if (this.#closed) return undefined;
    return bullDepth(this.#bull);
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
   * Stops the workers (gracefully), the queue and the Redis connections this inbox opened.
   * @example
   * ```ts
   * await inbox.close();
   * ```
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stopWorkers();
    // Redis away: drop the connection first, or closing the queue waits for it to come back.
    if (this.#redis.status !== "ready") this.#redis.disconnect();
    if (this.#ownQueue) await this.#bull.close();
    this.#redis.disconnect();
  }
}
