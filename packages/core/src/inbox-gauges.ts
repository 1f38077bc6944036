import type { ArgyleInboxDepth, ArgyleInboxPort } from "./inbox-port.js";

/** An observable instrument, as `@opentelemetry/api`'s `Observable`. */
type Observable = object;

/** The parts of an OpenTelemetry meter the inbox gauges use (API 1.3+). */
export interface GaugeMeter {
  createObservableGauge(name: string, options?: { unit?: string; description?: string }): Observable;
  addBatchObservableCallback(callback: BatchCallback, observables: Observable[]): void;
  removeBatchObservableCallback?(callback: BatchCallback, observables: Observable[]): void;
}

type BatchCallback = (result: {
  observe(observable: Observable, value: number, attributes?: Record<string, string>): void;
}) => void | Promise<void>;

/** The inboxes observed per meter: several `ArgyleWebhooks` on one inbox report its depth once. */
const observed = new WeakMap<GaugeMeter, WeakSet<object>>();

/** A depth read this recently is reported again instead of querying (several readers, short intervals). */
const FRESH_MS = 5000;
/** A collection waits this long for the query; a slower one is reported at the next collection. */
const BOUND_MS = 2000;

/**
 * Registers the inbox's queue gauges: `argyle.inbox.queue.depth` (by `argyle.inbox.state`: pending, retrying) and
 * `argyle.inbox.oldest_pending.age` (seconds since the oldest pending delivery was received, 0 when none). The
 * depth comes from `inbox.depth()`, at most one query at a time and at most one per 5 s, and a collection waits at
 * most 2 s for it: a metrics reader never piles queries onto the store. One registration per meter and inbox
 * (several receivers sharing an inbox report it once); it is removed at the first collection after the inbox closes.
 * @example
 * ```ts
 * observeInboxDepth(otel.metrics.getMeter("app"), inbox);
 * ```
 */
export function observeInboxDepth(meter: GaugeMeter, inbox: ArgyleInboxPort & { queue?: unknown }): void {
  const depthOf = inbox.depth?.bind(inbox);
  if (depthOf === undefined || typeof meter.addBatchObservableCallback !== "function") return;
  const inboxes = observed.get(meter) ?? new WeakSet<object>();
  if (inboxes.has(inbox)) return;
  observed.set(meter, inboxes);
  inboxes.add(inbox);
  const depth = meter.createObservableGauge("argyle.inbox.queue.depth", {
    unit: "{delivery}",
    description:
      "Deliveries in the inbox waiting for a first run (pending) or for their next attempt (retrying).",
  });
  const age = meter.createObservableGauge("argyle.inbox.oldest_pending.age", {
    unit: "s",
    description: "Seconds since the oldest pending delivery was received (0 when none is pending).",
  });
  const queue: Record<string, string> =
    typeof inbox.queue === "string" ? { "argyle.inbox.queue": inbox.queue } : {};
  let last: { at: number; value: ArgyleInboxDepth | undefined } | undefined;
  let inflight: Promise<ArgyleInboxDepth | undefined> | undefined;

  const read = async (): Promise<ArgyleInboxDepth | undefined> => {
    if (last && Date.now() - last.at < FRESH_MS) return last.value;
    inflight ??= Promise.resolve()
      .then(depthOf)
      .then(
        (value) => {
          last = { at: Date.now(), value };
          return value;
        },
        () => undefined,
      )
      .finally(() => {
        inflight = undefined;
      });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), BOUND_MS);
      (timer as { unref?: () => void }).unref?.();
    });
    try {
      return await Promise.race([inflight, bound]);
    } finally {
      clearTimeout(timer);
    }
  };

  const observables = [depth, age];
  let removed = false;
  const callback: BatchCallback = async (result) => {
    if (removed) return;
    if (inbox.closed === true) {
      removed = true;
      inboxes.delete(inbox);
      // After this collection: the SDK walks its callback list while calling them, and removing one from the list
      // mid-walk would skip the next registration.
      setTimeout(() => meter.removeBatchObservableCallback?.(callback, observables), 0);
      return;
    }
    const value = await read();
    if (value === undefined) return;
    result.observe(depth, value.pending, { ...queue, "argyle.inbox.state": "pending" });
    result.observe(depth, value.retrying, { ...queue, "argyle.inbox.state": "retrying" });
    const oldest = value.oldestPendingReceivedAt?.getTime();
    result.observe(age, oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000), queue);
  };
  meter.addBatchObservableCallback(callback, observables);
}
