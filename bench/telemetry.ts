/**
 * Telemetry benchmark: receive() of a signed gigs.updated delivery with `telemetry` off (twice, to show the noise
 * floor) and on with the OpenTelemetry SDK recording (batch span processor, metric reader, async-hooks context
 * manager, exporters that drop). One process, interleaved rounds; the ratio uses the median ops/s of each.
 * First, in a child process that never loads OpenTelemetry: `telemetry` off vs the same built core copied to a
 * temp directory where @opentelemetry/api cannot resolve (goal: at most 1.02x).
 * Run: npx tsx bench/telemetry.ts [rounds] [ms-per-run]   (results: .tmp/results/telemetry.md, or --write-results)
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ArgyleWebhooks, signArgylePayload } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
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

/** The absent-OpenTelemetry comparison, in its own process (see the header). */
function absent(): Record<string, number[]> {
  const dist = resolve(import.meta.dirname, "../packages/core/dist");
  for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
    if (
      /^\s*(import|export)\b[^\n]*\bfrom\s*["']@opentelemetry|\b(import|require)\(\s*["']@opentelemetry/m.test(
        readFileSync(join(dist, file), "utf8"),
      )
    )
      throw new Error(`core's ${file} imports @opentelemetry: the comparison would be meaningless`);
  }
  const root = mkdtempSync(join(tmpdir(), "argyle-bench-no-otel-"));
  try {
    const target = join(root, "node_modules/@argyle-webhooks/core");
    cpSync(dist, join(target, "dist"), { recursive: true });
    cpSync(resolve(dist, "../package.json"), join(target, "package.json"));
    writeFileSync(join(root, "package.json"), '{"name":"no-otel","private":true,"type":"module"}\n');
    try {
      createRequire(join(root, "probe.js")).resolve("@opentelemetry/api");
      throw new Error(
        `@opentelemetry/api resolves from ${root}: pick a temp directory outside any node_modules tree`,
      );
    } catch (error) {
      if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
    }
    const out = execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        resolve(import.meta.dirname, "telemetry-absent.ts"),
        join(target, "dist/index.js"),
        String(ROUNDS),
        String(MS),
      ],
      { encoding: "utf8" },
    );
    const result = JSON.parse(out.trim().split("\n").pop() as string) as {
      samples: Record<string, number[]>;
      loaded: boolean;
    };
    if (result.loaded) throw new Error("the child process loaded OpenTelemetry");
    return result.samples;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const absentSamples = absent();

/** The median over rounds of (first configuration's ops/s) / (second's): robust to load that changes between rounds. */
function pairedRatio(samples: Record<string, number[]>): number {
  const [first = [], second = []] = Object.values(samples);
  return median(first.map((value, i) => value / (second[i] ?? value)));
}

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
const absentBase = median(Object.values(absentSamples)[0] ?? []);
lines.push(
  "",
  `Without OpenTelemetry at all (a child process that never loads it; the built core copied to a temp directory where \`@opentelemetry/api\` cannot resolve), ${ROUNDS} interleaved rounds of ${MS} ms, goal at most 1.02x:`,
  "",
  "| configuration | median receive()/s | cost vs not installed |",
  "| --- | ---: | ---: |",
  ...Object.entries(absentSamples).map(([name, values]) => {
    const m = median(values);
    return `| ${name} | ${Math.round(m)} | ${(absentBase / m).toFixed(3)}x |`;
  }),
  "",
  `Round by round (each round runs both, back to back): median per-round cost of off vs not installed ${pairedRatio(absentSamples).toFixed(3)}x.`,
);
const text = lines.join("\n");
console.log(text);
console.log(`wrote ${writeResultsFile("telemetry", `${text}\n`)}`);
