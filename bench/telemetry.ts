/**
 * Telemetry benchmark: receive() of a signed gigs.updated delivery with `telemetry` off (twice, to show the noise
 * floor) and on with the OpenTelemetry SDK recording (batch span processor, metric reader, async-hooks context
 * manager, exporters that drop). One process, interleaved rounds; the ratio uses the median ops/s of each.
 * Run: npx tsx bench/telemetry.ts [rounds] [ms-per-run]   (results: .tmp/results/telemetry.md, or --write-results)
 */
import { cpus } from "node:os";
import { ArgyleWebhooks, argyleWebhookExamples, signArgylePayload } from "@argyle-webhooks/core";
import * as otel from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { writeResultsFile } from "./write-results.js";

const SECRET = "bench-secret";
const numbers = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
const ROUNDS = Number(numbers[0] ?? 7);
const MS = Number(numbers[1] ?? 1000);

const dropSpans: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropSpans)] });
const meterProvider = new MeterProvider({
  readers: [
    new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA),
      exportIntervalMillis: 1000,
    }),
  ],
});
otel.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
otel.trace.setGlobalTracerProvider(tracerProvider);
otel.metrics.setGlobalMeterProvider(meterProvider);

const body = JSON.stringify(argyleWebhookExamples["gigs.updated"], null, 2);
const input = {
  rawBody: body,
  headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, SECRET) },
};
const handlers = { onGigsUpdated: () => undefined };
const configs = {
  "off (a)": new ArgyleWebhooks({ secret: SECRET, logger: false, handlers }),
  "off (b)": new ArgyleWebhooks({ secret: SECRET, logger: false, handlers }),
  "on, SDK recording": new ArgyleWebhooks({ secret: SECRET, logger: false, handlers, telemetry: otel }),
};

async function run(webhooks: ArgyleWebhooks, ms: number): Promise<number> {
  let count = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) {
      const response = await webhooks.receive(input);
      if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
    }
    count += 100;
  }
  return (count / ms) * 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

for (const webhooks of Object.values(configs)) await run(webhooks, 300); // warm up
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  const entries = Object.entries(configs);
  if (round % 2 === 1) entries.reverse();
  for (const [name, webhooks] of entries) samples[name]?.push(await run(webhooks, MS));
}
await tracerProvider.shutdown();
await meterProvider.shutdown();

const off = median(samples["off (a)"] ?? []);
const lines = [
  "## Telemetry (receive() with OpenTelemetry off vs on)",
  "",
  `\`npx tsx bench/telemetry.ts ${ROUNDS} ${MS}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, node ${process.version}; ${Buffer.byteLength(body)}-byte gigs.updated, one sync handler, ${ROUNDS} interleaved rounds of ${MS} ms.`,
  "",
  "| configuration | median receive()/s | cost vs off (a) |",
  "| --- | ---: | ---: |",
  ...Object.entries(samples).map(([name, values]) => {
    const m = median(values);
    return `| ${name} | ${Math.round(m)} | ${(off / m).toFixed(3)}x |`;
  }),
];
const text = lines.join("\n");
console.log(text);
console.log(`wrote ${writeResultsFile("telemetry", `${text}\n`)}`);
