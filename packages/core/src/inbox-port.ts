import type { ArgyleTraceCarrier } from "./trace-carrier.js";
import type { ArgyleWebhookContext } from "./types.js";

/**
 * A verified, well-formed delivery handed to an inbox before the answer: the body exactly as received and what
 * the receiver learnt about it. Never the signature header (a stored body plus its signature is replayable).
 * @example
 * ```ts
 * const delivery: ArgyleInboxDelivery = { deliveryKey, rawBody, event: "gigs.added", subscription: "prod", receivedAt: new Date() };
 * ```
 */
export interface ArgyleInboxDelivery {
  /** SHA-256 (hex) of the raw body: the same for every redelivery of the message. */
  readonly deliveryKey: string;
  /** The body exactly as received (verified UTF-8 JSON). */
  readonly rawBody: Uint8Array;
  /** The message's `event`. */
  readonly event: string;
  /** The message's `name` (the subscription), when it has one. */
  readonly subscription: string | undefined;
  /** When the receiver accepted it. */
  readonly receivedAt: Date;
  /** The message's `data.account`, when it is a string (used for per-account serialisation). */
  readonly account: string | undefined;
  /**
   * With `telemetry`: the trace context of the request that received it (W3C `traceparent`/`tracestate`), to be
   * stored with the job and given back in `ArgyleStoredDelivery.traceContext` so the worker's span links to it.
   */
  readonly traceContext?: ArgyleTraceCarrier;
}

/**
 * The delivery as a worker runs it: the stored body plus the attempt it is on.
 * @example
 * ```ts
 * const errors = await webhooks.runStoredDelivery({ rawBody, deliveryKey, receivedAt, attempt: 1 });
 * ```
 */
export interface ArgyleStoredDelivery {
  readonly deliveryKey: string;
  readonly rawBody: Uint8Array;
  readonly receivedAt: Date;
  /** 1 on the first run, 2 on the first retry, ... */
  readonly attempt: number;
  /** Runs the inbox allows before the delivery is dead (retries plus one), when it knows. Counts retries and dead letters. */
  readonly maxAttempts?: number;
  /** The trace context stored with the delivery (`ArgyleInboxDelivery.traceContext`). */
  readonly traceContext?: ArgyleTraceCarrier;
}

/**
 * How far behind the workers are: deliveries waiting for a first run (`pending`) or for their next attempt
 * (`retrying`), and when the oldest pending one was received. Read by the telemetry's queue gauges.
 * @example
 * ```ts
 * const depth: ArgyleInboxDepth = { pending: 3, retrying: 1, oldestPendingReceivedAt: new Date(Date.now() - 5000) };
 * ```
 */
export interface ArgyleInboxDepth {
  readonly pending: number;
  readonly retrying: number;
  /** Undefined when nothing is pending. */
  readonly oldestPendingReceivedAt: Date | undefined;
}

/**
 * What the `inbox` option takes (`@argyle-webhooks/inbox` implements it; core has no database dependency).
 * `store()` resolves once the delivery is committed; the receiver answers 200 only then, 200 "duplicate" when
 * the key was already stored, and 503 with `Retry-After` when it rejects or takes longer than `storeTimeoutMs`.
 * @example
 * ```ts
 * const inbox: ArgyleInboxPort = { store: async (d) => ((await db.insert(d.deliveryKey)) ? "stored" : "duplicate") };
 * new ArgyleWebhooks({ secret, inbox });
 * ```
 */
export interface ArgyleInboxPort {
  store(delivery: ArgyleInboxDelivery): Promise<"stored" | "duplicate">;
  /** The longest wait for a commit before answering 503 (default 5000 ms). */
  readonly storeTimeoutMs?: number;
  /** Seconds for the `Retry-After` of a 503 (default 30). */
  readonly retryAfterSeconds?: number;
  /** Called by `ArgyleWebhooks` with the function that runs a stored delivery through its handlers. */
  attach?(run: (delivery: ArgyleStoredDelivery) => Promise<readonly unknown[]>): void;
  /** Queue depth for the telemetry's gauges (one cheap query); undefined once the inbox is closed. */
  depth?(): Promise<ArgyleInboxDepth | undefined>;
  /** True once the inbox is closed: the telemetry's gauges then stop reading it and unregister. */
  readonly closed?: boolean;
}

/**
 * The context a handler gets when a worker runs a stored delivery: the usual context plus the attempt and when
 * the delivery was received. Handlers must be idempotent: key side effects by `deliveryKey`.
 * @example
 * ```ts
 * webhooks.onPaystubsAdded(async (event, context) => {
 *   if (isInboxContext(context)) console.log(context.attempt, context.receivedAt.toISOString());
 * });
 * ```
 */
export interface ArgyleInboxContext extends ArgyleWebhookContext {
  readonly attempt: number;
  readonly receivedAt: Date;
}

/**
 * True when the handler runs from an inbox worker (the context then has `attempt` and `receivedAt`).
 * @example
 * ```ts
 * if (isInboxContext(context)) log.info(`attempt ${context.attempt}`);
 * ```
 */
export function isInboxContext(context: ArgyleWebhookContext): context is ArgyleInboxContext {
  return typeof (context as Partial<ArgyleInboxContext>).attempt === "number";
}
