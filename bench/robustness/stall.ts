/**
 * Slow and stalled clients: a body trickling past the read timeout, then 1,000 stalled connections while valid
 * deliveries go through, against Express 5 and Koa 3.
 * Run: npm run stall   (options: -- --stalled 1000 --read-timeout 2000 --adapters all)
 * Prints a summary, writes .tmp/results/stall.md (bench/results/stall.md with --write-results), exits 1 if any requirement failed.
 */

import { runIfMain, type ScriptIO } from "../../scripts/run-if-main.js";
import { adapterList, cliOption, numberOption, withUsageErrors } from "../cli-args.js";
import { writeResults } from "../write-results.js";
import { ADAPTER_NAMES } from "./adapter-servers.js";
import { runStall } from "./run-stall.js";

/**
 * `npm run stall`: `argv` without node and the script; resolves with the exit code (0 every requirement held,
 * 1 a requirement failed, 2 bad arguments).
 *
 * @example
 * ```ts
 * const code = await main(["--stalled", "200", "--adapters", "express 5"], processIO);
 * ```
 */
export function main(argv: string[], io: ScriptIO): Promise<number> {
  return withUsageErrors("stall", io, () => run(argv, io));
}

async function run(argv: string[], io: ScriptIO): Promise<number> {
  const log = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string) => io.stderr.write(`${line}\n`);
  const stalled = numberOption("stalled", 1000, { integer: true }, argv);
  const readTimeoutMs = numberOption("read-timeout", 2000, { integer: true }, argv);
  const adapters = adapterList(cliOption("adapters", "all", argv), ADAPTER_NAMES);
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
  for (const [k, v] of summary) log(`${k}: ${v}`);
  for (const f of report.failures) fail(`FAIL ${f}`);
  log(
    `results: ${writeResults("stall", { command: `npm run stall -- --stalled ${stalled} --read-timeout ${readTimeoutMs}`, summary, report, failures: report.failures }, argv)}`,
  );
  return report.failures.length > 0 ? 1 : 0;
}

await runIfMain(import.meta.url, main);
