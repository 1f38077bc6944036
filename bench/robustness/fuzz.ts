/**
 * Full fuzz run over real HTTP against Express 4/5 and Koa 2/3.
 * Run: npm run fuzz   (options: -- --runs 5000 --seed 20261126 --adapters all)
 * Prints a summary, writes .tmp/results/fuzz.md (bench/results/fuzz.md with --write-results), exits 1 if any requirement failed.
 */

import { runIfMain, type ScriptIO } from "../../scripts/run-if-main.js";
import { adapterList, cliOption, numberOption, withUsageErrors } from "../cli-args.js";
import { writeResults } from "../write-results.js";
import { ADAPTER_NAMES } from "./adapter-servers.js";
import { runFuzz } from "./run-fuzz.js";

/**
 * `npm run fuzz`: `argv` without node and the script; resolves with the exit code (0 every requirement held,
 * 1 a requirement failed, 2 bad arguments).
 *
 * @example
 * ```ts
 * const code = await main(["--runs", "150", "--adapters", "koa 3"], processIO);
 * ```
 */
export function main(argv: string[], io: ScriptIO): Promise<number> {
  return withUsageErrors("fuzz", io, () => run(argv, io));
}

async function run(argv: string[], io: ScriptIO): Promise<number> {
  const log = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string) => io.stderr.write(`${line}\n`);
  const runs = numberOption("runs", 5000, { integer: true }, argv);
  const seed = numberOption("seed", 20261126, { integer: true, positive: false }, argv);
  const adapters = adapterList(cliOption("adapters", "all", argv), ADAPTER_NAMES);
  const started = performance.now();
  const report = await runFuzz({ adapters, runs, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const total = report.adapters.reduce((n, a) => n + a.inputs + a.aliveChecks, 0);
  const summary: [string, string][] = [
    ["seed", String(seed)],
    [
      "inputs tried",
      `${total} (${runs} hostile inputs per adapter + ${report.adapters.reduce((n, a) => n + a.aliveChecks, 0)} still-serving checks)`,
    ],
    ["duration", `${seconds} s`],
    ...report.adapters.map((a): [string, string] => [
      a.adapter,
      `statuses ${JSON.stringify(a.statuses)}; handler calls ${a.handlerCalls} = 2xx answers ${a.answered2xx}; intact valid deliveries ${a.mustDeliver}; clients that left mid-request ${a.clientsLeft}; answers lost to a TCP reset (client still sending after the server closed) ${a.lostToReset}`,
    ]),
    ["failures", String(report.failures.length)],
  ];
  for (const [k, v] of summary) log(`${k}: ${v}`);
  for (const f of report.failures.slice(0, 20)) fail(`FAIL ${f}`);
  log(
    `results: ${writeResults("fuzz", { command: `npm run fuzz -- --runs ${runs} --seed ${seed}`, summary, report, failures: report.failures }, argv)}`,
  );
  return report.failures.length > 0 ? 1 : 0;
}

await runIfMain(import.meta.url, main);
