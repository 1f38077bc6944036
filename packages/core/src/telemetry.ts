import { type GaugeMeter, observeInboxDepth } from "./inbox-gauges.js";
import type { ArgyleInboxPort, ArgyleStoredDelivery } from "./inbox-port.js";
import type { AnyListener } from "./invoke-all.js";
import type { WebhookResponse } from "./response.js";
import {
  type ArgyleSpanContext,
  type ArgyleTraceCarrier,
  extractTraceCarrier,
  injectTraceCarrier,
} from "./trace-carrier.js";
import type { ArgyleWebhookContext } from "./types.js";
import type { ValidationError } from "./validation-error.js";

/** Attribute values we record (a subset of OpenTelemetry's `AttributeValue`). */
type Attributes = Record<string, string | number | boolean>;

/** The parts of an OpenTelemetry span we use. */
export interface ArgyleTelemetrySpan {
  setAttributes(attributes: Attributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: unknown): unknown;
  spanContext(): ArgyleSpanContext & { traceState?: { serialize(): string } };
  end(): void;
}

/** The parts of `@opentelemetry/api` (1.x) we use; pass the module itself: `import * as otel from "@opentelemetry/api"`. */
export interface ArgyleTelemetryApi {
  trace: {
    getTracer(
      name: string,
      version?: string,
    ): {
      startSpan(
        name: string,
        options?: { kind?: number; attributes?: Attributes; links?: { context: ArgyleSpanContext }[] },
        context?: unknown,
      ): ArgyleTelemetrySpan;
    };
    getActiveSpan(): ArgyleTelemetrySpan | undefined;
    setSpan(context: unknown, span: ArgyleTelemetrySpan): unknown;
    getSpanContext(context: unknown): ArgyleSpanContext | undefined;
  };
  /** The application's propagators: the request's trace context is stored with inbox jobs through them. */
  propagation?: {
    inject(context: unknown, carrier: Record<string, string>): void;
    extract(context: unknown, carrier: Record<string, string>): unknown;
  };
  ROOT_CONTEXT?: unknown;
  context: {
    active(): unknown;
    with<R>(context: unknown, fn: () => R): R;
  };
  metrics: {
    getMeter(
      name: string,
      version?: string,
    ): GaugeMeter & {
      createHistogram(
        name: string,
        options?: { unit?: string; description?: string },
      ): {
        record(value: number, attributes?: Attributes): void;
      };
      createCounter(
        name: string,
        options?: { unit?: string; description?: string },
      ): {
        add(value: number, attributes?: Attributes): void;
      };
    };
  };
}

/** What a request reports while it runs (one per request, only when telemetry is on). */
export interface RequestNote {
  /** The verified message's event and context, once they are known. */
  delivery(event: string, context: ArgyleWebhookContext): void;
  /** Schema validation failures of the verified message. */
  invalid(event: string, errors: readonly ValidationError[]): void;
  /** The message's event has no definition in the registry. */
  unknown(): void;
  /** The delivery goes to the inbox (a 200 means stored, not handled): the request's trace context to store with it. */
  stored(): ArgyleTraceCarrier | undefined;
  /** The listeners, each wrapped in a `process argyle.<event>` span parented to the request. */
  handlers(event: string, listeners: readonly AnyListener[]): readonly AnyListener[];
}

const SPAN_KIND_SERVER = 1;
const SPAN_KIND_CONSUMER = 4;
const STATUS_ERROR = 2;
const SCOPE = "@argyle-webhooks/core";

function now(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}

/** The `argyle.outcome` of an answer: one word per row of the status table. */
function outcomeOf(response: WebhookResponse, unknown: boolean, stored: boolean): string {
  const { status, body } = response;
  if (status === 200) {
    if (body.includes('"duplicate"')) return "duplicate";
    if (stored) return "stored";
    return unknown ? "unknown-event" : "handled";
  }
  if (status === 202) return "pending";
  const type = problemType(response);
  if (status === 503) {
    if (body.includes("Store unavailable")) return "store-unavailable";
    if (body.includes("Dedupe store unavailable")) return "dedupe-unavailable";
    return "busy";
  }
  if (status === 500 && body.includes("Handler failed")) return "handler-error";
  if (status === 422) return "schema-invalid";
  if (status === 500 && body.includes("Raw body unavailable")) return "raw-body-unavailable";
  if (status === 400 && body.includes("Malformed message")) return "malformed";
  if (status === 400 && body.includes("Body aborted")) return "body-aborted";
  const short = type?.replace("urn:argyle-webhooks:problem:", "");
  return short ?? `http-${status}`;
}

function problemType(response: WebhookResponse): string | undefined {
  if (!response.headers["content-type"]?.includes("problem")) return undefined;
  const match = /"type":"([^"]+)"/.exec(response.body);
  return match?.[1];
}

/**
 * Traces and metrics for every delivery, built once per instance from the `telemetry` option. Off (and never
 * constructed) unless the application passes the OpenTelemetry API.
 * @example
 * ```ts
 * import * as otel from "@opentelemetry/api";
 * const telemetry = new ArgyleTelemetry(otel);
 * const response = await telemetry.observe(async (note) => handle(note));
 * ```
 */
export class ArgyleTelemetry {
  private readonly tracer;
  private readonly requestDuration;
  private readonly deliveries;
  private readonly processDuration;
  private readonly validationFailures;
  private readonly retries;
  private readonly deadLetters;

  constructor(
    private readonly api: ArgyleTelemetryApi,
    inbox?: ArgyleInboxPort,
  ) {
    this.tracer = api.trace.getTracer(SCOPE);
    const meter = api.metrics.getMeter(SCOPE);
    this.requestDuration = meter.createHistogram("argyle.webhook.request.duration", {
      unit: "s",
      description: "Time to answer a webhook request, like http.server.request.duration.",
    });
    this.deliveries = meter.createCounter("argyle.webhook.deliveries", {
      description: "Webhook requests by outcome and event.",
    });
    this.processDuration = meter.createHistogram("messaging.process.duration", {
      unit: "s",
      description: "Duration of one handler processing one delivery.",
    });
    this.validationFailures = meter.createCounter("argyle.webhook.validation.failures", {
      description: "Schema validation failures by event and field (schema drift).",
    });
    this.retries = meter.createCounter("argyle.inbox.retries", {
      unit: "{delivery}",
      description: "Inbox deliveries whose handlers failed and that will be run again, by event.",
    });
    this.deadLetters = meter.createCounter("argyle.inbox.dead_letters", {
      unit: "{delivery}",
      description:
        "Inbox deliveries whose handlers failed their last attempt (dead until redriven), by event.",
    });
    if (inbox) observeInboxDepth(meter, inbox);
  }

  /** Runs one request with a note to report into; records its span attributes and metrics when it answers. */
  async observe(run: (note: RequestNote) => Promise<WebhookResponse>): Promise<WebhookResponse> {
    const { api } = this;
    const start = now();
    const active = api.trace.getActiveSpan();
    const span = active ?? this.tracer.startSpan("argyle.webhook receive", { kind: SPAN_KIND_SERVER });
    const parent = api.trace.setSpan(api.context.active(), span);
    let event: string | undefined;
    let unknown = false;
    let stored = false;
    const attributes: Attributes = {};
    const note: RequestNote = {
      delivery: (name, context) => {
        event = name;
        attributes["argyle.event"] = name;
        attributes["argyle.delivery_key"] = context.deliveryKey;
        if (context.subscription !== undefined) attributes["argyle.subscription"] = context.subscription;
      },
      invalid: (name, errors) => {
        for (const error of errors)
          this.validationFailures.add(1, { "argyle.event": name, "argyle.field": error.instancePath || "/" });
      },
      unknown: () => {
        unknown = true;
      },
      stored: () => {
        stored = true;
        try {
          return injectTraceCarrier(api, api.context.active(), span);
        } catch {
          return undefined;
        }
      },
      handlers: (name, listeners) => listeners.map((listener) => this.wrap(parent, name, listener)),
    };
    const response = await run(note);
    try {
      const outcome = outcomeOf(response, unknown, stored);
      attributes["argyle.outcome"] = outcome;
      const type = problemType(response);
      if (type !== undefined && response.status >= 400) attributes["error.type"] = type;
      if (active === undefined) attributes["http.response.status_code"] = response.status;
      span.setAttributes(attributes);
      if (type !== undefined) span.setStatus({ code: STATUS_ERROR, message: outcome });
      if (active === undefined) span.end();
      const metric: Attributes = { "argyle.outcome": outcome, "http.response.status_code": response.status };
      if (event !== undefined) metric["argyle.event"] = event;
      this.deliveries.add(1, metric);
      this.requestDuration.record((now() - start) / 1000, metric);
    } catch {
      // Telemetry never changes an answer.
    }
    return response;
  }

  /**
   * The inbox worker's side: each listener in a `process argyle.<event>` span under the active context, with the
   * delivery key and attempt, and a link to the request span that received the delivery (its stored trace context).
   */
  storedHandlers(
    event: string,
    listeners: readonly AnyListener[],
    stored: ArgyleStoredDelivery,
  ): readonly AnyListener[] {
    const parent = this.api.context.active();
    const extra = {
      "argyle.delivery_key": stored.deliveryKey,
      "messaging.message.delivery_attempt": stored.attempt,
    };
    let links: { context: ArgyleSpanContext }[] | undefined;
    try {
      const received = extractTraceCarrier(this.api, stored.traceContext);
      if (received) links = [{ context: received }];
    } catch {
      // No link rather than no run.
    }
    return listeners.map((listener) => this.wrap(parent, event, listener, extra, links));
  }

  /**
   * A stored delivery's handlers failed on `attempt`: counted as a retry, or as a dead letter on its last attempt
   * (when the inbox says how many it allows).
   */
  failed(event: string, attempt: number, maxAttempts: number | undefined): void {
    try {
      if (maxAttempts === undefined) return;
      const counter = attempt >= maxAttempts ? this.deadLetters : this.retries;
      counter.add(1, { "argyle.event": event });
    } catch {
      // Telemetry never changes a run.
    }
  }

  /** One listener inside a `process argyle.<event>` span that is active while it runs. */
  private wrap(
    parent: unknown,
    event: string,
    listener: AnyListener,
    extra?: Attributes,
    links?: { context: ArgyleSpanContext }[],
  ): AnyListener {
    return (...args: unknown[]) => {
      const { api } = this;
      const attributes: Attributes = {
        "messaging.system": "argyle",
        "messaging.operation.name": "process",
        "messaging.operation.type": "process",
        "messaging.destination.name": event,
      };
      const spanAttributes = extra ? { ...attributes, ...extra } : attributes;
      const span = this.tracer.startSpan(
        `process argyle.${event}`,
        links
          ? { kind: SPAN_KIND_CONSUMER, attributes: spanAttributes, links }
          : { kind: SPAN_KIND_CONSUMER, attributes: spanAttributes },
        parent,
      );
      const start = now();
      const done = (error?: unknown) => {
        if (error !== undefined) {
          const type = error instanceof Error ? error.name : typeof error;
          span.recordException(error);
          span.setStatus({ code: STATUS_ERROR });
          span.setAttributes({ "error.type": type });
          attributes["error.type"] = type;
        }
        span.end();
        this.processDuration.record((now() - start) / 1000, attributes);
      };
      let result: unknown;
      try {
        result = api.context.with(api.trace.setSpan(parent, span), () => listener(...args));
      } catch (error) {
        done(error);
        throw error;
      }
      if (
        result !== null &&
        typeof result === "object" &&
        typeof (result as PromiseLike<unknown>).then === "function"
      ) {
        return Promise.resolve(result).then(
          (value) => {
            done();
            return value;
          },
          (error: unknown) => {
            done(error);
            throw error;
          },
        );
      }
      done();
      return result;
    };
  }
}
