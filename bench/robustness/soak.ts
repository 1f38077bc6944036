/**
 * Soak run: 200,000 deliveries through receive() and 200,000 through the Express 5 adapter; heap after GC must
 * grow less than 5 MB, with no socket, handle or listener left behind.
 * Run: npm run soak   (node --expose-gc; options: -- --deliveries 200000 --adapter "express 5")
 * Prints a summary, writes .tmp/results/soak.md (bench/results/soak.md with --write-results), exits 1 if any requirement failed.
 */

import { runIfMain, type ScriptIO } from "../../scripts/run-if-main.js";
import { adapterList, cliOption, numberOption, withUsageErrors } from "../cli-args.js";
import { writeResults } from "../write-results.js";
import { ADAPTER_NAMES } from "./adapter-servers.js";
import { runSoak } from "./run-soak.js";

/**
 * `npm run soak`: `argv` without node and the script; resolves with the exit code (0 every requirement held,
 * 1 a requirement failed, 2 bad arguments).
 *
 * @example
 * ```ts
 * const code = await main(["--deliveries", "1000"], processIO);
 * ```
 */
export function main(argv: string[], io: ScriptIO): Promise<number> {
  return withUsageErrors("soak", io, () => run(argv, io));
}

async function run(argv: string[], io: ScriptIO): Promise<number> {
  const log = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string) => io.stderr.write(`${line}\n`);
  const deliveries = numberOption("deliveries", 200000, { integer: true }, argv);
  const [adapter = "express 5"] = adapterList(cliOption("adapter", "express 5", argv), ADAPTER_NAMES);
  const report = await runSoak({ deliveries, adapter });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  const summary: [string, string][] = report.phases.flatMap((p): [string, string][] => [
    [
      `${p.target}: deliveries`,
      `${p.deliveries} in ${p.seconds.toFixed(1)} s, statuses ${JSON.stringify(p.statuses)}, handler calls ${p.handlerCalls}`,
    ],
    [
      `${p.target}: heap after GC`,
      `${mb(p.heapBefore)} → ${mb(p.heapAfter)} (growth ${mb(p.heapGrowth)}, limit 5 MB)`,
    ],
    [
      `${p.target}: active resources`,
      `${JSON.stringify(p.resourcesBefore)} → ${JSON.stringify(p.resourcesAfter)}`,
    ],
    ...(p.listenersAfter
      ? ([
          [
            `${p.target}: open connections after / listeners`,
            `${p.openConnections} / ${JSON.stringify(p.listenersBefore)} → ${JSON.stringify(p.listenersAfter)}`,
          ],
        ] as [string, string][])
      : []),
  ]);
  summary.push(
    ["process warnings", String(report.warnings.length)],
    ["failures", String(report.failures.length)],
  );
  for (const [k, v] of summary) log(`${k}: ${v}`);
  for (const f of report.failures) fail(`FAIL ${f}`);
  log(
    `results: ${writeResults("soak", { command: `npm run soak -- --deliveries ${deliveries}`, summary, report, failures: report.failures }, argv)}`,
  );
  return report.failures.length > 0 ? 1 : 0;
}

await runIfMain(import.meta.url, main);
