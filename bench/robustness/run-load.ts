import { createHmac } from "node:crypto";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import autocannon from "autocannon";
import { type AdapterName, WEBHOOK_PATH } from "./adapter-servers.js";
import { LOAD_SECRET } from "./load-secret.js";
import { type LoadServer, startLoadServer } from "./start-load-server.js";

/** Options of a load run. */
export interface LoadOptions {
  adapter: AdapterName;
  durationSec: number;
  connections: number;
  /** Stop after this many deliveries instead of after `durationSec` (a short run whose size does not depend on the machine's speed). */
  amount?: number;
  /** Every `forgedEvery`-th delivery carries a forged signature (10 = 10 %). */
  forgedEvery?: number;
  /** A running receiver process with a server for `adapter` (left running); by default one is started and stopped. */
  server?: LoadServer;
}

/** What the load run saw, from both ends. */
export interface LoadReport {
  adapter: AdapterName;
  durationSec: number;
  connections: number;
  sent: number;
  forgedSent: number;
  statuses: Record<string, number>;
  answered2xx: number;
  forged401: number;
  /** Handler calls for answered deliveries. */
  handlerCalls: number;
  /** Deliveries still in flight when the run stopped, and how many of those the server dispatched. */
  inFlightAtStop: number;
  inFlightDispatched: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requestsPerSec: number;
  failures: string[];
}

/**
 * Runs autocannon against one adapter (in a child process) with unique signed deliveries, every
 * `forgedEvery`-th forged, and checks both ends: no errors or timeouts, every valid delivery 200 and dispatched
 * exactly once, every forged one 401 and never dispatched.
 *
 * @example
 * ```ts
 * const report = await runLoad({ adapter: "express 5", durationSec: 30, connections: 100 });
 * console.log(report.latencyMs.p99, report.failures);
 * ```
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const forgedEvery = options.forgedEvery ?? 10;
  const server = options.server ?? (await startLoadServer([options.adapter]));
  try {
    const base = argyleWebhookExamples["gigs.partially_synced"];
    let counter = 0;
    const sent = new Map<string, boolean>(); // name -> forged
    const answered = new Map<string, number>(); // name -> status
    const result = await autocannon({
      url: `http://127.0.0.1:${server.port(options.adapter)}`,
      connections: options.connections,
      ...(options.amount === undefined ? { duration: options.durationSec } : { amount: options.amount }),
      timeout: 10,
      requests: [
        {
          method: "POST",
          path: WEBHOOK_PATH,
          setupRequest: (request, context) => {
            const n = counter++;
            const forged = n % forgedEvery === forgedEvery - 1;
            const name = `load-${n}`;
            const body = JSON.stringify({ ...base, name }, null, 2);
            const signature = createHmac("sha512", forged ? "not-the-secret" : LOAD_SECRET)
              .update(body)
              .digest("hex");
            sent.set(name, forged);
            context.name = name;
            return {
              ...request,
              body,
              headers: { "content-type": "application/json", "x-argyle-signature": signature },
            };
          },
          onResponse: (status, _body, context) => {
            answered.set(String(context.name), status);
          },
        },
      ],
    });
    const seen = await server.stats(options.adapter);

    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    let answered2xx = 0;
    let forged401 = 0;
    let handlerCalls = 0;
    let inFlightDispatched = 0;
    for (const [name, forged] of sent) {
      const status = answered.get(name);
      const calls = seen.get(name) ?? 0;
      if (status === undefined) {
        if (forged && calls > 0) failures.push(`forged ${name} dispatched`);
        if (calls > 1) failures.push(`${name} dispatched ${calls} times`);
        inFlightDispatched += calls;
        continue;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      handlerCalls += calls;
      if (status >= 200 && status < 300) answered2xx++;
      if (forged) {
        if (status === 401) forged401++;
        else failures.push(`forged ${name} answered ${status}`);
        if (calls > 0) failures.push(`forged ${name} dispatched ${calls} times`);
      } else {
        if (status !== 200) failures.push(`valid ${name} answered ${status}`);
        if (status === 200 && calls !== 1)
          failures.push(`valid ${name} answered 200 but dispatched ${calls} times`);
      }
    }
    for (const name of seen.keys())
      if (!sent.has(name)) failures.push(`handler saw ${name}, which was never sent`);
    const answeredCount = sent.size - [...sent.keys()].filter((n) => !answered.has(n)).length;
    if (result.errors > 0) failures.push(`${result.errors} connection errors`);
    if (result.timeouts > 0) failures.push(`${result.timeouts} timeouts`);
    if (handlerCalls !== answered2xx)
      failures.push(`handler calls ${handlerCalls} != 2xx answers ${answered2xx}`);
    if (answered2xx === 0) failures.push("no delivery was answered 2xx");
    return {
      adapter: options.adapter,
      durationSec: options.durationSec,
      connections: options.connections,
      sent: sent.size,
      forgedSent: [...sent.values()].filter(Boolean).length,
      statuses,
      answered2xx,
      forged401,
      handlerCalls,
      inFlightAtStop: sent.size - answeredCount,
      inFlightDispatched,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      requestsPerSec: result.requests.average,
      failures: failures.slice(0, 50),
    };
  } finally {
    if (!options.server) await server.stop();
  }
}
