/**
 * The W3C trace context of the request that received a delivery, as stored with an inbox job: `traceparent` and,
 * when there is one, `tracestate` (the propagators' text-map keys). Never holds anything from the message.
 * @example
 * ```ts
 * const carrier: ArgyleTraceCarrier = { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" };
 * ```
 */
export type ArgyleTraceCarrier = Readonly<Record<string, string>>;

/**
 * A span's identity, as `@opentelemetry/api`'s `SpanContext` (what a worker span's link points to).
 * @example
 * ```ts
 * const context: ArgyleSpanContext = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", traceFlags: 1 };
 * ```
 */
export interface ArgyleSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
}

/** A span as the carrier reads it: its context and, when set, its `tracestate`. */
interface CarriedSpan {
  spanContext(): ArgyleSpanContext & { traceState?: { serialize(): string } };
}

/** The parts of `@opentelemetry/api` the carrier needs (all in 1.x). */
export interface TraceCarrierApi {
  trace: {
    setSpan(context: unknown, span: CarriedSpan): unknown;
    getSpanContext(context: unknown): ArgyleSpanContext | undefined;
  };
  propagation?: {
    inject(context: unknown, carrier: Record<string, string>): void;
    extract(context: unknown, carrier: Record<string, string>): unknown;
  };
  ROOT_CONTEXT?: unknown;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const INVALID = /^0+$/;

function valid(context: ArgyleSpanContext | undefined): context is ArgyleSpanContext {
  return (
    context !== undefined &&
    /^[0-9a-f]{32}$/.test(context.traceId) &&
    /^[0-9a-f]{16}$/.test(context.spanId) &&
    !INVALID.test(context.traceId) &&
    !INVALID.test(context.spanId)
  );
}

/**
 * The trace context of `span` through the application's propagators (`propagation.inject`), or W3C
 * `traceparent`/`tracestate` written from the span itself when none is registered. Undefined for a span that is
 * not recorded (no SDK: the invalid all-zero context).
 */
export function injectTraceCarrier(
  api: TraceCarrierApi,
  context: unknown,
  span: CarriedSpan,
): ArgyleTraceCarrier | undefined {
  const own = span.spanContext();
  if (!valid(own)) return undefined;
  const carrier: Record<string, string> = {};
  try {
    api.propagation?.inject(api.trace.setSpan(context, span), carrier);
  } catch {
    // A propagator that throws: fall back to our own W3C header below.
  }
  if (carrier.traceparent === undefined) {
    carrier.traceparent = `00-${own.traceId}-${own.spanId}-${(own.traceFlags & 0xff).toString(16).padStart(2, "0")}`;
    const state = own.traceState?.serialize();
    if (state) carrier.tracestate = state;
  }
  return carrier;
}

/**
 * The span context a stored carrier names (for a span link): through `propagation.extract`, or parsed from its
 * `traceparent` when no propagator is registered. Undefined when it names none.
 */
export function extractTraceCarrier(
  api: TraceCarrierApi,
  carrier: ArgyleTraceCarrier | undefined,
): ArgyleSpanContext | undefined {
  if (carrier === undefined) return undefined;
  try {
    if (api.propagation && api.ROOT_CONTEXT !== undefined) {
      const found = api.trace.getSpanContext(api.propagation.extract(api.ROOT_CONTEXT, { ...carrier }));
      if (valid(found)) return found;
    }
  } catch {
    // Fall back to parsing below.
  }
  const match = TRACEPARENT.exec(carrier.traceparent ?? "");
  if (!match) return undefined;
  const parsed = {
    traceId: match[1] as string,
    spanId: match[2] as string,
    traceFlags: Number.parseInt(match[3] as string, 16),
    isRemote: true,
  };
  return valid(parsed) ? parsed : undefined;
}
