import { createHash, createHmac } from "node:crypto";
import { ArgyleWebhooks, silentLogger } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import fc from "fast-check";
import { type AdapterName, startAdapterServer, WEBHOOK_PATH } from "./adapter-servers.js";
import { buildHostileRequest, hostileRecipe } from "./hostile-request.js";
import { rawExchange } from "./raw-exchange.js";

/** Options of a fuzz run. */
export interface FuzzOptions {
  adapters: readonly AdapterName[];
  /** Inputs per adapter. */
  runs: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** The receiver's read timeout; stalled inputs are answered 408 after it. */
  readTimeoutMs?: number;
  /** The receiver's body limit (small, so huge bodies are cheap to send). */
  limit?: number;
}

/** What one adapter did with the inputs. */
export interface FuzzAdapterReport {
  adapter: AdapterName;
  inputs: number;
  statuses: Record<string, number>;
  handlerCalls: number;
  answered2xx: number;
  mustDeliver: number;
  clientsLeft: number;
  /** Checks of "still serving" made between batches (a valid delivery each). */
  aliveChecks: number;
  /** Answers the server wrote but the client never read: it kept sending after the server closed, and the TCP reset destroyed them. */
  lostToReset: number;
  /** Errors the framework logged on its own (Koa `app.on("error")`), by message. */
  frameworkErrors: Record<string, number>;
  failures: string[];
}

/** The whole run: per adapter, plus every failure with enough to replay it. */
export interface FuzzReport {
  seed: number;
  runs: number;
  adapters: FuzzAdapterReport[];
  failures: string[];
}

const SECRET = "fuzz-secret";

async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}

function validDelivery(nonce: string) {
  const body = Buffer.from(
    JSON.stringify({ ...argyleWebhookExamples["accounts.connected"], name: nonce }, null, 2),
  );
  const signature = createHmac("sha512", SECRET).update(body).digest("hex");
  const head = `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Argyle-Signature: ${signature}\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

async function fuzzAdapter(
  adapter: AdapterName,
  options: Required<FuzzOptions>,
  seed: number,
): Promise<FuzzAdapterReport> {
  const failures: string[] = [];
  const calls = new Map<string, number>(); // by subscription name (the nonce of intact bodies)
  const bodies = new Map<string, number>(); // by SHA-256 of the raw body
  let handlerCalls = 0;
  const webhooks = new ArgyleWebhooks({
    secret: SECRET,
    logger: silentLogger,
    limit: options.limit,
    readTimeoutMs: options.readTimeoutMs,
    validation: "off",
  });
  webhooks.onAny((event, context) => {
    handlerCalls++;
    // Independent oracle: the bytes a handler sees must carry a signature made with the secret.
    const expected = createHmac("sha512", SECRET).update(context.rawBody).digest("hex");
    const offered = String(context.headers["x-argyle-signature"] ?? "").toLowerCase();
    if (!offered.includes(expected))
      failures.push(`${adapter}: a handler ran for a body without a valid signature (${String(event.name)})`);
    const name = String(event.name);
    calls.set(name, (calls.get(name) ?? 0) + 1);
    const key = createHash("sha256").update(context.rawBody).digest("hex");
    bodies.set(key, (bodies.get(key) ?? 0) + 1);
  });
  const running = await startAdapterServer(adapter, webhooks);
  const recipes = fc.sample(hostileRecipe, { seed, numRuns: options.runs });
  const statuses: Record<string, number> = {};
  let answered2xx = 0;
  let mustDeliver = 0;
  let clientsLeft = 0;
  let aliveChecks = 0;
  const waitMs = options.readTimeoutMs + 5_000;
  const outcomes: {
    nonce: string;
    bodyKey: string;
    forged: boolean;
    mustDeliver: boolean;
    status?: number;
    index: number;
  }[] = [];
  const unanswered: { clientPort?: number; detail: string }[] = [];

  const alive = async (label: string) => {
    aliveChecks++;
    const out = await rawExchange(running.port, {
      bytes: validDelivery(`alive-${adapter}-${aliveChecks}`),
      after: "wait",
      timeoutMs: waitMs,
    });
    if (out.status !== 200)
      failures.push(`${adapter}: not serving ${label}: ${out.status ?? out.error ?? "no answer"}`);
    else answered2xx++;
  };

  const batch = 200;
  for (let start = 0; start < recipes.length; start += batch) {
    await pool(recipes.slice(start, start + batch), options.concurrency, async (recipe, offset) => {
      const index = start + offset;
      const request = buildHostileRequest(recipe, SECRET, `fuzz-${adapter}-${index}`);
      const out = await rawExchange(running.port, { ...request.plan, timeoutMs: waitMs });
      const key =
        out.status === undefined
          ? request.mustAnswer
            ? "no answer read by client"
            : "none (client left)"
          : String(out.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (!request.mustAnswer) clientsLeft++;
      if (out.status !== undefined && out.status >= 200 && out.status < 300) answered2xx++;
      if (request.mustDeliver) mustDeliver++;
      const replay = `seed ${seed} index ${index}: ${JSON.stringify(recipe).slice(0, 400)}`;
      if (request.mustAnswer && out.status === undefined) {
        unanswered.push({
          clientPort: out.localPort,
          detail: `${adapter}: unanswered request (${out.timedOut ? "timed out" : (out.error ?? "closed")}) — ${replay}`,
        });
      }
      if (out.status !== undefined && out.status >= 500)
        failures.push(`${adapter}: ${out.status} — ${replay}`);
      if (request.forged && out.status !== undefined && out.status < 300)
        failures.push(`${adapter}: forged request answered ${out.status} — ${replay}`);
      if (request.mustDeliver && out.status !== 200)
        failures.push(`${adapter}: valid delivery answered ${out.status ?? "nothing"} — ${replay}`);
      outcomes.push({
        nonce: request.nonce,
        bodyKey: request.bodyKey,
        forged: request.forged,
        mustDeliver: request.mustDeliver,
        status: out.status,
        index,
      });
    });
    await alive(`after input ${Math.min(start + batch, recipes.length)}`);
  }

  // Let clientsLeft requests finish on the server side, then check the books.
  const deadline = Date.now() + options.readTimeoutMs + 3_000;
  while ((await running.connections()) > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const open = await running.connections();
  // A client that keeps sending after the server answered and closed gets a TCP reset, which can destroy the
  // answer before the client reads it. The server side tells whether it had answered (wrote bytes) on that
  // connection: only a connection on which it wrote nothing at all was left unanswered.
  let lostToReset = 0;
  for (const u of unanswered) {
    const written =
      u.clientPort === undefined ? undefined : running.bytesWrittenByClientPort.get(u.clientPort);
    if (written !== undefined && written > 0) lostToReset++;
    else failures.push(u.detail);
  }
  if (open > 0) failures.push(`${adapter}: ${open} connections still open after every client left`);
  for (const o of outcomes) {
    const n = calls.get(o.nonce) ?? 0;
    if (o.forged && n > 0) failures.push(`${adapter}: forged input ${o.index} reached a handler`);
    if (o.mustDeliver && n !== 1) failures.push(`${adapter}: valid input ${o.index} dispatched ${n} times`);
    if (o.status !== undefined && o.status >= 200 && o.status < 300 && !bodies.has(o.bodyKey))
      failures.push(`${adapter}: input ${o.index} answered ${o.status} but its body reached no handler`);
  }
  await running.close();
  const frameworkErrors: Record<string, number> = {};
  for (const e of running.appErrors) frameworkErrors[e] = (frameworkErrors[e] ?? 0) + 1;
  return {
    adapter,
    frameworkErrors,
    lostToReset,
    inputs: recipes.length,
    statuses,
    handlerCalls,
    answered2xx,
    mustDeliver,
    clientsLeft,
    aliveChecks,
    failures,
  };
}

/**
 * Fuzzes each adapter over real HTTP with `runs` generated hostile requests (fixed `seed`, so a failure can be
 * replayed) and checks the oracle: no handler call without a valid signature, every request whose client waits
 * is answered, no 5xx, valid deliveries answered 200 and dispatched once, the server keeps serving and ends with
 * no open connection.
 *
 * @example
 * ```ts
 * const report = await runFuzz({ adapters: ["express 5", "koa 3"], runs: 500, seed: 42 });
 * if (report.failures.length > 0) process.exitCode = 1;
 * ```
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const resolved: Required<FuzzOptions> = {
    concurrency: 24,
    readTimeoutMs: 1_500,
    limit: 64 * 1024,
    ...options,
  };
  const uncaught: string[] = [];
  const onUncaught = (error: unknown) => uncaught.push(`uncaught: ${String(error)}`);
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  const adapters: FuzzAdapterReport[] = [];
  try {
    for (const [i, adapter] of resolved.adapters.entries())
      adapters.push(await fuzzAdapter(adapter, resolved, resolved.seed + i));
  } finally {
    process.off("uncaughtException", onUncaught);
    process.off("unhandledRejection", onUncaught);
  }
  return {
    seed: resolved.seed,
    runs: resolved.runs,
    adapters,
    failures: [...uncaught, ...adapters.flatMap((a) => a.failures)],
  };
}
