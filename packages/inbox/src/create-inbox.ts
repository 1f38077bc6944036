import { resolve } from "node:path";
import PgBoss from "pg-boss";
import { createAckPool } from "./ack-pool.js";
import { ArgyleBullInbox } from "./argyle-bull-inbox.js";
import { ArgyleInbox, type InboxEngine } from "./argyle-inbox.js";
import { lockDirectory } from "./directory-lock.js";
import type { InboxOptions } from "./inbox-options.js";
import { openEmbeddedDatabase } from "./open-embedded-database.js";
import { reachPostgres } from "./reach-postgres.js";
import { redisEndpoint, waitForRedis } from "./wait-for-redis.js";

/** How long `createInbox()` waits for PostgreSQL or Redis to answer before it rejects. */
function connectTimeoutMs(options: InboxOptions): number {
  const ms = options.connectTimeoutMs ?? 5000;
  if (!(ms > 0) || !Number.isFinite(ms))
    throw new TypeError("createInbox: connectTimeoutMs must be a positive number of milliseconds");
  return ms;
}

/** The connections receivers acknowledge on (with `connectionString`). */
function ackConnections(options: InboxOptions): number {
  const size = options.ackConnections ?? 4;
  if (!Number.isInteger(size) || size < 1)
    throw new TypeError("createInbox: ackConnections must be a whole number, at least 1");
  return size;
}

/** Pending deliveries are never dropped unprocessed: ten years. */
const PENDING_RETENTION_MINUTES = 10 * 365 * 24 * 60;

function bossConfig(options: InboxOptions): PgBoss.ConstructorOptions {
  const retentionDays = options.retentionDays ?? 7;
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new TypeError("createInbox: retentionDays must be a whole number of days, at least 1");
  return {
    schema: options.schema ?? "pgboss",
    supervise: true,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Finished jobs stay in pg-boss's job table for the retention: there the job id (from the delivery key)
    // recognises a redelivery in the same INSERT, and dead ones can be redriven. Then they move to pg-boss's
    // archive (still listed by the ledger) and are deleted a day later.
    archiveCompletedAfterSeconds: retentionDays * 86_400,
    archiveFailedAfterSeconds: retentionDays * 86_400,
    deleteAfterDays: 1,
  };
}

async function ensureQueue(boss: PgBoss, queue: string, options: InboxOptions): Promise<void> {
  if (await boss.getQueue(queue)) return;
  await boss.createQueue(queue, {
    name: queue,
    policy: options.serializeBy === "account" ? "singleton" : "standard",
    retryLimit: options.retryLimit ?? 5,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: options.retryBackoff ?? true,
    expireInSeconds: options.expireInSeconds ?? 900,
    retentionMinutes: PENDING_RETENTION_MINUTES,
  });
}

/**
 * Opens the inbox. With no options it is embedded (PGlite in `./.argyle-inbox`, no server); with
 * `connectionString` or `boss` it uses PostgreSQL, shared by any number of receivers and workers; with
 * `bullmq: { connection }` it uses Redis through BullMQ (an `ArgyleBullInbox`, same API).
 * @example
 * ```ts
 * const inbox = await createInbox();                                              // embedded
 * const shared = await createInbox({ connectionString: process.env.DATABASE_URL }); // PostgreSQL
 * const onRedis = await createInbox({ bullmq: { connection: process.env.REDIS_URL } }); // BullMQ
 * app.use("/webhooks/argyle", argyleWebhooks({ secret, inbox, handlers: { onPaystubsAdded: syncPaystubs } }));
 * await inbox.work({ concurrency: 4 });
 * ```
 */
export async function createInbox(
  options: InboxOptions & { bullmq: NonNullable<InboxOptions["bullmq"]> },
): Promise<ArgyleBullInbox>;
export async function createInbox(options?: InboxOptions & { bullmq?: undefined }): Promise<ArgyleInbox>;
export async function createInbox(options?: InboxOptions): Promise<ArgyleInbox | ArgyleBullInbox>;
export async function createInbox(options: InboxOptions = {}): Promise<ArgyleInbox | ArgyleBullInbox> {
  const queue = options.queue ?? "argyle-webhooks";
  const onError = options.onError ?? ((error: unknown) => console.error("argyle-webhooks inbox:", error));
  if (options.bullmq) {
    if (options.serializeBy)
      throw new TypeError(
        "createInbox: serializeBy is not available on BullMQ (per-group serialisation is a BullMQ Pro feature)",
      );
    if (options.boss || options.connectionString || options.directory)
      throw new TypeError("createInbox: bullmq cannot be combined with boss, connectionString or directory");
    const [bullmq, { Redis }] = await Promise.all([import("bullmq"), import("ioredis")]);
    const given = options.bullmq;
    const parts =
      "queue" in given
        ? { bullmq, Redis, queue: given.queue }
        : { bullmq, Redis, connection: given.connection };
    const timeoutMs = connectTimeoutMs(options);
    // Until Redis answered, connection errors go into the rejection below, not to onError once per retry.
    let starting = true;
    let lastError: unknown;
    const inbox = new ArgyleBullInbox(parts, "queue" in given ? given.queue.name : queue, {
      ...options,
      onError: (error) => {
        if (starting) lastError = error;
        else onError(error);
      },
    });
    await waitForRedis(inbox.bullQueue.waitUntilReady(), {
      timeoutMs,
      endpoint: redisEndpoint("queue" in given ? given.queue.opts.connection : given.connection),
      lastError: () => lastError,
      giveUp: () => inbox.close(),
    });
    starting = false;
    return inbox;
  }
  const config = bossConfig(options);
  const schema = config.schema as string;
  let engine: InboxEngine;
  if (options.boss) {
    const boss = options.boss;
    boss.on("error", onError);
    await boss.start();
    const db = boss.getDb();
    engine = {
      boss,
      schema,
      query: (text, values) => db.executeSql(text, values),
      close: async () => undefined,
    };
  } else if (options.connectionString) {
    const size = ackConnections(options);
    await reachPostgres(options.connectionString, connectTimeoutMs(options));
    const boss = new PgBoss({
      ...config,
      connectionString: options.connectionString,
      max: options.max ?? 10,
    });
    boss.on("error", onError);
    await boss.start();
    const db = boss.getDb();
    const acks = createAckPool({
      connectionString: options.connectionString,
      size,
      schema,
      queue,
      timeoutMs: options.storeTimeoutMs ?? 5000,
      onError,
    });
    engine = {
      boss,
      schema,
      query: (text, values) => db.executeSql(text, values),
      insertDeliveries: acks.insert,
      ackConcurrency: size,
      close: async () => {
        await boss.stop({ graceful: false });
        await acks.end();
      },
    };
  } else {
    const directory = resolve(options.directory ?? ".argyle-inbox");
    const database = await openEmbeddedDatabase(directory);
    let release: () => void;
    try {
      release = lockDirectory(directory);
    } catch (error) {
      await database.close();
      throw error;
    }
    const boss = new PgBoss({ ...config, db: database.db });
    boss.on("error", onError);
    await boss.start();
    engine = {
      boss,
      schema,
      query: (text, values) => database.db.executeSql(text, values),
      // PGlite runs one statement at a time: one batch in flight, the next one gathering.
      ackConcurrency: 1,
      close: async () => {
        await boss.stop({ graceful: false, close: false });
        await database.close();
        release();
      },
    };
  }
  await ensureQueue(engine.boss, queue, options);
  if (!options.boss && !options.connectionString) {
    // One process owns an embedded directory: a run still "active" belongs to a process that died; run it again now.
    await engine.query(`UPDATE ${schema}.job SET state = 'retry' WHERE name = $1 AND state = 'active'`, [
      queue,
    ]);
  }
  return new ArgyleInbox(engine, queue, { ...options, onError });
}
