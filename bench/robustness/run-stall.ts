import { createHmac } from "node:crypto";
import { connect } from "node:net";
import { ArgyleWebhooks, silentLogger } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import { type AdapterName, startAdapterServer, WEBHOOK_PATH } from "./adapter-servers.js";
import { rawExchange } from "./raw-exchange.js";

/** Options of a slow-client run. */
export interface StallOptions {
  adapters: readonly AdapterName[];
  /** Connections that send their headers and part of the body, then stall. */
  stalled: number;
  /** The receiver's read timeout. */
  readTimeoutMs: number;
  /** Valid deliveries sent while the stalled connections are open. */
  valid?: number;
}

/** What one adapter did with slow and stalled clients. */
export interface StallAdapterReport {
  adapter: AdapterName;
  trickle: { status?: number; serverClosed: boolean; bytesSent: number; ms: number };
  stalled: number;
  stalledStatuses: Record<string, number>;
  stalledClosedByServer: number;
  valid: number;
  validStatuses: Record<string, number>;
  validLatencyMs: { max: number; p50: number };
  openConnectionsAfter: number;
  failures: string[];
}

/** The whole run. */
export interface StallReport {
  readTimeoutMs: number;
  adapters: StallAdapterReport[];
  failures: string[];
}

const SECRET = "stall-secret";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function request(name: string) {
  const body = Buffer.from(JSON.stringify({ ...argyleWebhookExamples["accounts.connected"], name }, null, 2));
  const signature = createHmac("sha512", SECRET).update(body).digest("hex");
  const head = Buffer.from(
    `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Argyle-Signature: ${signature}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  return { head, body, bytes: Buffer.concat([head, body]) };
}

/** A client that sends a valid delivery one byte per `gapMs`, on and on, until the server answers and hangs up. */
function trickle(port: number, readTimeoutMs: number): Promise<StallAdapterReport["trickle"]> {
  const { head, body } = request("trickle");
  const gapMs = Math.max(5, Math.floor(readTimeoutMs / 20));
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let data = "";
    let sent = 0;
    let status: number | undefined;
    let closed = false;
    const done = (serverClosed: boolean) => {
      if (closed) return;
      closed = true;
      clearInterval(drip);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ status, serverClosed, bytesSent: sent, ms: performance.now() - started });
    };
    socket.on("data", (chunk: Buffer) => {
      data += chunk.toString("latin1");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (m) status = Number(m[1]);
    });
    socket.on("error", () => {});
    socket.on("close", () => done(true));
    const drip = setInterval(() => {
      if (sent < body.length && !socket.destroyed) socket.write(body.subarray(sent, ++sent));
    }, gapMs);
    const giveUp = setTimeout(() => done(false), readTimeoutMs * 3 + 5_000);
    socket.write(head);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function stallAdapter(
  adapter: AdapterName,
  options: Required<StallOptions>,
): Promise<StallAdapterReport> {
  const failures: string[] = [];
  const seen = new Set<string>();
  const webhooks = new ArgyleWebhooks({
    secret: SECRET,
    logger: silentLogger,
    readTimeoutMs: options.readTimeoutMs,
  });
  webhooks.onAny((event) => {
    seen.add(String(event.name));
  });
  const running = await startAdapterServer(adapter, webhooks);

  // 1. A body trickling past the read timeout: 408, and the server hangs up although the client keeps sending.
  const trickled = await trickle(running.port, options.readTimeoutMs);
  if (trickled.status !== 408)
    failures.push(`${adapter}: trickling body answered ${trickled.status ?? "nothing"}, not 408`);
  if (!trickled.serverClosed)
    failures.push(`${adapter}: the server kept the trickling connection open after its 408`);
  if (seen.has("trickle")) failures.push(`${adapter}: the trickled delivery reached a handler`);

  // 2. Many stalled bodies at once; valid deliveries meanwhile are answered before the read timeout elapses.
  const stalledBytes = request("stalled");
  let stalledAnswered = 0;
  const stalledOutcomes = Array.from({ length: options.stalled }, () =>
    rawExchange(running.port, {
      bytes: stalledBytes.bytes,
      sendBytes: stalledBytes.head.length + 100,
      after: "wait",
      timeoutMs: options.readTimeoutMs * 3 + 10_000,
    }).then((out) => {
      stalledAnswered++;
      return out;
    }),
  );
  // Until every stalled connection is open, or (a busy machine, a short read timeout) the first ones already
  // got their 408: then all of them will never be open at once.
  const openDeadline = Date.now() + 10_000;
  while (
    stalledAnswered === 0 &&
    (await running.connections()) < options.stalled &&
    Date.now() < openDeadline
  )
    await sleep(10);
  const validStatuses: Record<string, number> = {};
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: options.valid }, async (_, i) => {
      // Half go at once, half when the stalled bodies' read timeouts are about to fire together.
      if (i % 2 === 1) await sleep(options.readTimeoutMs * 0.8);
      const out = await rawExchange(running.port, {
        bytes: request(`valid-${i}`).bytes,
        after: "wait",
        timeoutMs: options.readTimeoutMs * 3 + 10_000,
      });
      const key = String(out.status ?? "no answer");
      validStatuses[key] = (validStatuses[key] ?? 0) + 1;
      latencies.push(out.ms);
      if (out.status !== 200)
        failures.push(
          `${adapter}: valid delivery ${i} answered ${key} while ${options.stalled} connections stalled`,
        );
      // The contract: a valid delivery is not held up beyond the read timeout by the stalled ones.
      else if (out.ms >= options.readTimeoutMs)
        failures.push(
          `${adapter}: valid delivery ${i} took ${out.ms.toFixed(0)} ms, not within the read timeout`,
        );
      if (!seen.has(`valid-${i}`)) failures.push(`${adapter}: valid delivery ${i} was not dispatched`);
    }),
  );
  const outcomes = await Promise.all(stalledOutcomes);
  const stalledStatuses: Record<string, number> = {};
  let stalledClosedByServer = 0;
  for (const out of outcomes) {
    const key = String(out.status ?? (out.timedOut ? "no answer" : (out.error ?? "closed")));
    stalledStatuses[key] = (stalledStatuses[key] ?? 0) + 1;
    if (out.serverClosed || /\r\nconnection: close/i.test(out.head ?? "")) stalledClosedByServer++;
  }
  if ((stalledStatuses["408"] ?? 0) !== options.stalled)
    failures.push(`${adapter}: stalled connections answered ${JSON.stringify(stalledStatuses)}, not all 408`);
  if (stalledClosedByServer !== options.stalled)
    failures.push(
      `${adapter}: only ${stalledClosedByServer} of ${options.stalled} stalled connections were closed by the server`,
    );
  if (seen.has("stalled")) failures.push(`${adapter}: a stalled delivery reached a handler`);

  const freeDeadline = Date.now() + 5_000;
  while ((await running.connections()) > 0 && Date.now() < freeDeadline) await sleep(20);
  const openConnectionsAfter = await running.connections();
  if (openConnectionsAfter > 0)
    failures.push(`${adapter}: ${openConnectionsAfter} connections still open at the end`);
  await running.close();
  return {
    adapter,
    trickle: trickled,
    stalled: options.stalled,
    stalledStatuses,
    stalledClosedByServer,
    valid: options.valid,
    validStatuses,
    validLatencyMs: { max: Math.max(0, ...latencies), p50: percentile(latencies, 50) },
    openConnectionsAfter,
    failures,
  };
}

/**
 * Slow and stalled clients against each adapter: one body trickling past the read timeout (must get 408 and lose
 * its connection), then `stalled` connections stalled mid-body while `valid` deliveries go through (each must be
 * answered 200 before the read timeout elapses; every stalled one gets 408 and is closed).
 *
 * @example
 * ```ts
 * const report = await runStall({ adapters: ["express 5"], stalled: 1000, readTimeoutMs: 2000 });
 * ```
 */
export async function runStall(options: StallOptions): Promise<StallReport> {
  const resolved: Required<StallOptions> = { valid: 20, ...options };
  const adapters: StallAdapterReport[] = [];
  for (const adapter of resolved.adapters) adapters.push(await stallAdapter(adapter, resolved));
  return { readTimeoutMs: resolved.readTimeoutMs, adapters, failures: adapters.flatMap((a) => a.failures) };
}
