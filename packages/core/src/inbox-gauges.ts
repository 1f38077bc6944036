import type { ArgyleInboxDepth, ArgyleInboxPort } from "./inbox-port.js";

/** An observable instrument, as `@opentelemetry/api`'s `Observable`. */
type Observable = object;

/** The parts of an OpenTelemetry meter the inbox gauges use (API 1.3+). */
export interface GaugeMeter {
  createObservableGauge(name: string, options?: { unit?: string; description?: string }): Observable;
  addBatchObservableCallback(
    callback: (result: {
      observe(observable: Observable, value: number, attributes?: Record<string, string>): void;
    }) => void | Promise<void>,
    observables: Observable[],
  ): void;
}

/** A depth read this recently is reported again instead of querying (several readers, short intervals). */
const FRESH_MS = 5000;
/** A collection waits this long for the query; a slower one is reported at the next collection. */
const BOUND_MS = 2000;

/**
 * Registers the inbox's queue gauges: `argyle.inbox.queue.depth` (by `argyle.inbox.state`: pending, retrying) and
 * `argyle.inbox.oldest_pending.age` (seconds since the oldest pending delivery was received, 0 when none). The
 * depth comes from `inbox.depth()`, at most one query at a time and at most one per 5 s, and a collection waits at
 * most 2 s for it: a metrics reader never piles queries onto the store.
 * @example
 * ```ts
 * observeInboxDepth(otel.metrics.getMeter("app"), inbox);
 * ```
 */
export function observeInboxDepth(meter: GaugeMeter, inbox: ArgyleInboxPort & { queue?: unknown }): void {
  const depthOf = inbox.depth?.bind(inbox);
  if (depthOf === undefined || typeof meter.addBatchObservableCallback !== "function") return;
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

  meter.addBatchObservableCallback(
    async (result) => {
      const value = await read();
      if (value === undefined) return;
      result.observe(depth, value.pending, { ...queue, "argyle.inbox.state": "pending" });
      result.observe(depth, value.retrying, { ...queue, "argyle.inbox.state": "retrying" });
      const oldest = value.oldestPendingReceivedAt?.getTime();
      result.observe(age, oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000), queue);
    },
    [depth, age],
  );
}
