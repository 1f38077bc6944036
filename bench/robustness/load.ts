/**
 * Load run: autocannon, 100 connections for 30 s per adapter, 10 % of deliveries forged.
 * Run: npm run load   (options: -- --duration 30 --connections 100 --adapters "express 5,koa 3")
 * Prints a summary, writes .tmp/results/load.md (bench/results/load.md with --write-results), exits 1 if any requirement failed.
 */

import { runIfMain, type ScriptIO } from "../../scripts/run-if-main.js";
import { adapterList, cliOption, numberOption, withUsageErrors } from "../cli-args.js";
import { writeResults } from "../write-results.js";
import { ADAPTER_NAMES } from "./adapter-servers.js";
import { type LoadReport, runLoad } from "./run-load.js";

/**
 * `npm run load`: `argv` without node and the script; resolves with the exit code (0 every requirement held,
 * 1 a requirement failed, 2 bad arguments).
 *
 * @example
 * ```ts
 * const code = await main(["--duration", "2", "--adapters", "koa 3"], processIO);
 * ```
 */
export function main(argv: string[], io: ScriptIO): Promise<number> {
  return withUsageErrors("load", io, () => run(argv, io));
}

async function run(argv: string[], io: ScriptIO): Promise<number> {
  const log = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string) => io.stderr.write(`${line}\n`);
  const durationSec = numberOption("duration", 30, {}, argv);
  const connections = numberOption("connections", 100, { integer: true }, argv);
  const adapters = adapterList(cliOption("adapters", "express 5,koa 3", argv), ADAPTER_NAMES);
  const reports: LoadReport[] = [];
  for (const adapter of adapters) reports.push(await runLoad({ adapter, durationSec, connections }));
  const failures = reports.flatMap((r) => r.failures.map((f) => `${r.adapter}: ${f}`));
  const summary: [string, string][] = reports.flatMap((r): [string, string][] => [
    [
      `${r.adapter}: deliveries answered`,
      `${r.sent - r.inFlightAtStop} (${r.requestsPerSec.toFixed(0)}/s), statuses ${JSON.stringify(r.statuses)}`,
    ],
    [`${r.adapter}: forged`, `${r.forgedSent} sent, ${r.forged401} answered 401, 0 dispatched`],
    [`${r.adapter}: handler calls vs 2xx`, `${r.handlerCalls} = ${r.answered2xx}`],
    [`${r.adapter}: errors / timeouts`, `${r.errors} / ${r.timeouts}`],
    [
      `${r.adapter}: latency`,
      `p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`,
    ],
    [
      `${r.adapter}: in flight when autocannon stopped`,
      `${r.inFlightAtStop} (unanswered; ${r.inFlightDispatched} of them dispatched once, none twice)`,
    ],
  ]);
  summary.push(["failures", String(failures.length)]);
  for (const [k, v] of summary) log(`${k}: ${v}`);
  for (const f of failures.slice(0, 20)) fail(`FAIL ${f}`);
  log(
    `results: ${writeResults("load", { command: `npm run load -- --duration ${durationSec} --connections ${connections}`, summary, report: reports, failures }, argv)}`,
  );
  return failures.length > 0 ? 1 : 0;
}

await runIfMain(import.meta.url, main);
