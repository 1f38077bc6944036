/**
 * What a forged request costs, and what it does to real deliveries (issue 12, finding 1 and 6):
 *   A. CPU of receive() on a forged 1 MiB body (well-formed signature header, wrong value) with `secret` and with
 *      `secrets`, and the 401 time of a known vs an unknown subscription name (512 KiB);
 *   B. valid-delivery latency (p50/p99) on node:http while 4 connections flood forged 1 MiB bodies;
 *   C. memory held by 300 connections stalled near the 1 MiB limit (default pendingLimit vs no effective cap).
 * Servers run in a child process, so the load generator does not share their event loop.
 * Run: npm run build && npx tsx bench/forged.ts [--seconds 5] [--parts ABC] [--out /tmp/argyle-bench/forged.md]
 * Results go to --out (default outside the repository), never to the tracked bench/results/.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { connect, type Socket } from "node:net";
import { dirname } from "node:path";
import { ArgyleWebhooks, type ArgyleWebhooksOptions, signArgylePayload } from "@argyle-webhooks/core";
import { cliOption } from "./cli-args.js";

const SECONDS = Number(cliOption("seconds", "5"));
const OUT = cliOption("out", "/tmp/argyle-bench/forged.md");
const PARTS = cliOption("parts", "ABC").toUpperCase();
if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error("--seconds must be a positive number");

const A = "bench-secret-a";
const B = "bench-secret-b";
const FORGED_SIGNATURE = "ab".repeat(64);

/** A JSON message of about `size` bytes with many small tokens (the costly kind to parse), named `name`. */
function message(size: number, name: string): Buffer {
  const head = `{"event":"gigs.updated","name":${JSON.stringify(name)},"data":{"account":"acc","values":[`;
  const parts: string[] = [];
  let length = head.length + 4;
  while (length < size) {
    parts.push("1");
    length += 2;
  }
  return Buffer.from(`${head}${parts.join(",")}]}}`);
}

const headers = (signature: string) => ({
  "content-type": "application/json",
  "x-argyle-signature": signature,
});

async function cpuPerForged(
  options: ArgyleWebhooksOptions,
  body: Buffer,
  iterations: number,
): Promise<number> {
  const webhooks = new ArgyleWebhooks({ ...options, logger: false, validation: "off" });
  const input = { rawBody: body, headers: headers(FORGED_SIGNATURE) };
  for (let i = 0; i < 5; i++) await webhooks.receive(input);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.cpuUsage();
    const response = await webhooks.receive(input);
    const used = process.cpuUsage(start);
    if (response.status !== 401) throw new Error(`forged request answered ${response.status}`);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)] as number;
}

const SERVER = `
import { createServer } from "node:http";
const options = { ...JSON.parse(process.env.BENCH_OPTIONS), logger: false };
let listener;
if (process.env.BENCH_ADAPTER === "express 5") {
  const { default: express } = await import("express");
  const { argyleWebhooks } = await import("@argyle-webhooks/express");
  listener = express().use(argyleWebhooks(options));
} else if (process.env.BENCH_ADAPTER === "koa 3") {
  const { default: Koa } = await import("koa");
  const { argyleWebhooks } = await import("@argyle-webhooks/koa");
  listener = new Koa().use(argyleWebhooks(options)).callback();
} else {
  const { createNodeHandler } = await import("@argyle-webhooks/core/node");
  listener = createNodeHandler(options);
}
const server = createServer(listener);
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("message", (m) => {
  // Two full collections a moment apart: freed ArrayBuffer backing stores are released asynchronously.
  if (m === "memory") { globalThis.gc?.(); setTimeout(() => { globalThis.gc?.(); process.send({ memory: process.memoryUsage() }); }, 300); }
});
`;

const ADAPTERS = ["node:http", "express 5", "koa 3"] as const;

async function startServer(
  options: Record<string, unknown>,
  adapter = "node:http",
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--expose-gc", "--input-type=module", "-e", SERVER], {
    env: { ...process.env, BENCH_OPTIONS: JSON.stringify(options), BENCH_ADAPTER: adapter },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, port };
}

function post(port: number, agent: Agent, body: Buffer, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/", method: "POST", agent, headers: headers(signature) },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function latencyUnderFlood(
  adapter: string,
  options: Record<string, unknown>,
  validSecret: string,
  name: string,
) {
  const { child, port } = await startServer(options, adapter);
  const floodAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  const validAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const forged = message(1024 * 1024 - 200, name);
  const valid = Buffer.from(JSON.stringify({ event: "gigs.updated", name, data: { account: "acc" } }));
  const validSignature = signArgylePayload(valid, validSecret);
  let stop = false;
  let forgedCount = 0;
  const flood = Array.from({ length: 4 }, async () => {
    while (!stop) {
      if ((await post(port, floodAgent, forged, FORGED_SIGNATURE)) !== 401) throw new Error("forged not 401");
      forgedCount++;
    }
  });
  const latencies: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    const start = performance.now();
    if ((await post(port, validAgent, valid, validSignature)) !== 200) throw new Error("valid not 200");
    latencies.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
  stop = true;
  await Promise.all(flood);
  floodAgent.destroy();
  validAgent.destroy();
  child.kill();
  latencies.sort((x, y) => x - y);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    valid: latencies.length,
    forgedPerSecond: forgedCount / SECONDS,
  };
}

async function stalledMemory(pendingLimit: string) {
  const { child, port } = await startServer({ secret: A, readTimeoutMs: 60_000, pendingLimit });
  const ask = () =>
    new Promise<NodeJS.MemoryUsage>((resolve) => {
      child.once("message", (m) => resolve((m as { memory: NodeJS.MemoryUsage }).memory));
      child.send("memory");
    });
  const before = await ask();
  const sockets: Socket[] = [];
  let refused = 0;
  const chunk = Buffer.alloc(1_000_000, 0x20);
  for (let i = 0; i < 300; i++) {
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.once("data", (d) => {
      if (String(d).startsWith("HTTP/1.1 503")) refused++;
    });
    socket.write(
      `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-argyle-signature: ${FORGED_SIGNATURE}\r\ncontent-length: 1048000\r\n\r\n`,
    );
    socket.write(chunk);
    sockets.push(socket);
  }
  // Long enough for every refused connection's megabyte to arrive and be discarded (4 s was not, here).
  await new Promise((r) => setTimeout(r, 10_000));
  const after = await ask();
  for (const s of sockets) s.destroy();
  child.kill();
  const mib = (n: number) => n / 1024 / 1024;
  return {
    rss: mib(after.rss - before.rss),
    arrayBuffers: mib(after.arrayBuffers - before.arrayBuffers),
    refused,
  };
}

const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};

say(`# Forged requests (bench/forged.ts, ${new Date().toISOString()}, node ${process.version})`);
say("");
if (PARTS.includes("A")) {
  say("## A. CPU per forged request (receive(), median of 40, ms)");
  const big = message(1024 * 1024, "subscription-a");
  const oneSecret = await cpuPerForged({ secret: A }, big, 40);
  const oneInMap = await cpuPerForged({ secrets: { "subscription-a": A } }, big, 40);
  const twoList = await cpuPerForged({ secret: [A, B] }, big, 40);
  const twoInMap = await cpuPerForged({ secrets: { "subscription-a": A, "subscription-b": B } }, big, 40);
  say(`- 1 MiB, \`secret: A\`: ${oneSecret.toFixed(2)} ms`);
  say(
    `- 1 MiB, \`secrets: { a: A }\`: ${oneInMap.toFixed(2)} ms (ratio ${(oneInMap / oneSecret).toFixed(2)}x)`,
  );
  say(`- 1 MiB, \`secret: [A, B]\`: ${twoList.toFixed(2)} ms`);
  say(
    `- 1 MiB, \`secrets: { a: A, b: B }\`: ${twoInMap.toFixed(2)} ms (ratio ${(twoInMap / twoList).toFixed(2)}x to \`secret: [A, B]\`, ${(twoInMap / oneSecret).toFixed(2)}x to one secret)`,
  );
  {
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const start = process.cpuUsage();
      JSON.parse(big.toString("utf8"));
      const used = process.cpuUsage(start);
      samples.push((used.user + used.system) / 1000);
    }
    samples.sort((x, y) => x - y);
    say(
      `- what a parser-first setup (\`express.json({ verify })\`, koa-bodyparser) adds before we run: UTF-8 decode + JSON.parse of the same 1 MiB, ${(samples[20] as number).toFixed(2)} ms`,
    );
  }
  const half = 512 * 1024;
  const known = await cpuPerForged(
    { secrets: { "subscription-a": A, "subscription-b": B } },
    message(half, "subscription-a"),
    40,
  );
  const unknown = await cpuPerForged(
    { secrets: { "subscription-a": A, "subscription-b": B } },
    message(half, "nobody-at-all-"),
    40,
  );
  say(
    `- 512 KiB, \`secrets\` (2), known name: ${known.toFixed(2)} ms; unknown name: ${unknown.toFixed(2)} ms`,
  );
  say("");
}
if (PARTS.includes("B")) {
  say(`## B. Valid deliveries under 4 connections of forged 1 MiB bodies (${SECONDS} s each)`);
  for (const adapter of ADAPTERS) {
    for (const [label, options, secret] of [
      ["`secret: A`", { secret: A }, A],
      ["`secrets: { a: A, b: B }`", { secrets: { "subscription-a": A, "subscription-b": B } }, A],
    ] as const) {
      const r = await latencyUnderFlood(adapter, options, secret, "subscription-a");
      say(
        `- ${adapter}, ${label}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms over ${r.valid} valid deliveries; ${r.forgedPerSecond.toFixed(1)} forged/s answered 401`,
      );
    }
  }
}
if (PARTS.includes("C")) {
  say("");
  say("## C. 300 connections stalled after 1,000,000 of 1,048,000 declared bytes (limit 1 MiB), after 10 s");
  for (const pendingLimit of ["64mb", "1gb"]) {
    const r = await stalledMemory(pendingLimit);
    say(
      `- pendingLimit ${pendingLimit}: RSS +${r.rss.toFixed(0)} MiB, ArrayBuffers +${r.arrayBuffers.toFixed(0)} MiB; ${r.refused} of 300 answered 503`,
    );
  }
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${lines.join("\n")}\n`);
console.log(`\nwritten to ${OUT}`);
