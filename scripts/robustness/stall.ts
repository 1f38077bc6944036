/**
 * Slow and stalled clients: a body trickling past the read timeout, then 1,000 stalled connections while valid
 * deliveries go through, against Express 5 and Koa 3.
 * Run: npm run stall   (options: -- --stalled 1000 --read-timeout 2000 --adapters all)
 * Prints a summary, writes .tmp/results/stall.md (bench/results/stall.md with --write-results), exits 1 if any requirement failed.
 */
import { ADAPTER_NAMES } from "./adapter-servers.js";
import { adapterList, cliOption, numberOption } from "./cli-args.js";
import { runStall } from "./run-stall.js";
import { writeResults } from "./write-results.js";

const stalled = numberOption("stalled", 1000, { integer: true });
const readTimeoutMs = numberOption("read-timeout", 2000, { integer: true });
const adapters = adapterList(cliOption("adapters", "all"), ADAPTER_NAMES);
const report = await runStall({ adapters, stalled, readTimeoutMs, valid: 40 });
const summary: [string, string][] = report.adapters.flatMap((a): [string, string][] => [
  [
    `${a.adapter}: trickling body`,
    `${a.trickle.status} after ${a.trickle.ms.toFixed(0)} ms (${a.trickle.bytesSent} bytes trickled), server closed the connection: ${a.trickle.serverClosed}`,
  ],
  [
    `${a.adapter}: ${a.stalled} stalled bodies`,
    `statuses ${JSON.stringify(a.stalledStatuses)}, closed by server ${a.stalledClosedByServer}`,
  ],
  [
    `${a.adapter}: ${a.valid} valid deliveries meanwhile`,
    `statuses ${JSON.stringify(a.validStatuses)}, latency p50 ${a.validLatencyMs.p50.toFixed(0)} ms, max ${a.validLatencyMs.max.toFixed(0)} ms (must be < read timeout ${readTimeoutMs} ms)`,
  ],
  [`${a.adapter}: open connections at the end`, String(a.openConnectionsAfter)],
]);
summary.push(["failures", String(report.failures.length)]);
for (const [k, v] of summary) console.log(`${k}: ${v}`);
for (const f of report.failures) console.error(`FAIL ${f}`);
console.log(
  `results: ${writeResults("stall", { command: `npm run stall -- --stalled ${stalled} --read-timeout ${readTimeoutMs}`, summary, report, failures: report.failures })}`,
);
process.exitCode = report.failures.length > 0 ? 1 : 0;
