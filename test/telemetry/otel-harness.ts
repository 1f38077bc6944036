// The OpenTelemetry SDK wired to in-memory exporters for one test file: importing this registers the global
// context manager, tracer and meter providers (and, unless told otherwise, the W3C propagator) for the file.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ArgyleWebhooks, ArgyleWebhooksOptions } from "@argyle-webhooks/core";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import * as otel from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

/** The finished spans of the file in progress (a fresh exporter per file: see {@link useOtel}). */
export let spans = new InMemorySpanExporter();
let reader: PeriodicExportingMetricReader;

/**
 * Registers the SDK for this file; `propagator: false` leaves the propagation API without a propagator. Each file
 * gets its own exporter, reader and providers (made here, shut down after the file), so files sharing a worker
 * process and this module never see each other's spans or metrics.
 */
export function useOtel(options: { propagator?: boolean } = {}): void {
  let tracerProvider: BasicTracerProvider;
  let meterProvider: MeterProvider;
  beforeAll(() => {
    spans = new InMemorySpanExporter();
    reader = new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 3_600_000,
    });
    tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
    meterProvider = new MeterProvider({ readers: [reader] });
    otel.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    otel.trace.setGlobalTracerProvider(tracerProvider);
    otel.metrics.setGlobalMeterProvider(meterProvider);
    if (options.propagator !== false) otel.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(async () => {
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
    otel.trace.disable();
    otel.metrics.disable();
    otel.context.disable();
    otel.propagation.disable();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    spans.reset();
  });
}

const servers: Server[] = [];

/** A node:http server on 127.0.0.1 (ephemeral port) for `webhooks`, closed after each test. */
export async function serve(
  webhooks: ArgyleWebhooks | ArgyleWebhooksOptions,
): Promise<{ url: string; port: number }> {
  const server = createServer(createNodeHandler(webhooks));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, port };
}

/** The one `argyle.webhook receive` span finished so far. */
export function requestSpan(): ReadableSpan {
  const found = spans.getFinishedSpans().filter((s) => s.name === "argyle.webhook receive");
  expect(found).toHaveLength(1);
  return found[0] as ReadableSpan;
}

/** Finished spans named `name`. */
export function spansNamed(name: string): ReadableSpan[] {
  return spans.getFinishedSpans().filter((s) => s.name === name);
}

/** Sum of a counter's points (or a histogram's counts) whose attributes include `match`. */
export async function counted(name: string, match: Record<string, unknown> = {}): Promise<number> {
  let total = 0;
  for (const point of await points(name, match))
    total += typeof point.value === "number" ? point.value : (point.value as { count: number }).count;
  return total;
}

/** The last value of each of a gauge's points whose attributes include `match`. */
export async function gauge(name: string, match: Record<string, unknown> = {}): Promise<number[]> {
  return (await points(name, match)).map((p) => p.value as number);
}

/** The errors of one collection (a failing observable callback shows up here). */
export async function collectionErrors(): Promise<unknown[]> {
  return (await reader.collect()).errors;
}

async function points(name: string, match: Record<string, unknown>) {
  const result = await reader.collect();
  const found: { value: unknown; attributes: Record<string, unknown> }[] = [];
  for (const scope of result.resourceMetrics.scopeMetrics)
    for (const metric of scope.metrics)
      if (metric.descriptor.name === name)
        for (const point of metric.dataPoints) {
          const attributes = point.attributes as Record<string, unknown>;
          if (Object.entries(match).every(([k, v]) => attributes[k] === v))
            found.push({ value: point.value, attributes });
        }
  return found;
}

/** Waits (up to 30 s) until `done()` holds. */
export async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
