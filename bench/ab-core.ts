/**
 * A/B of two builds of this repository under load at the same time: each round starts one server from each
 * checkout (its own process, loading that checkout's `packages/*\/dist`), loads both with autocannon at once, and
 * reads each server's own CPU time per request. On a shared machine where back-to-back runs swing ±15–25%, two
 * servers under the same load at the same moment compare to a few percent. Also compares `import` time of the
 * core entry, in fresh processes alternating between the builds.
 *
 * Run (build both first):
 *   npx tsx bench/ab-core.ts <base-root> <candidate-root> [adapters=node,express,koa] [seconds=6] [rounds=6] [bytes=600] [sync|async]
 *   npx tsx bench/ab-core.ts <base-root> <candidate-root> import [runs=30]
 *   npx tsx bench/ab-core.ts <base-root> <candidate-root> receive [bytes=600] [rounds=21] [sync|async]
 * Both servers share the last core, autocannon the others (`--no-pin` to not pin). Prints the table; writes nothing.
 */
import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";

const SECRET = "bench-secret";
const PATH = "/webhooks/argyle";
const CONNECTIONS = 25;
const PIN = cpus().length > 1 && process.platform === "linux" && !process.argv.includes("--no-pin");

const fromRoot = (root: string, file: string) => pathToFileURL(resolve(root, file)).href;

async function serve(root: string, adapter: string, mode: string): Promise<void> {
  let handled = 0;
  const onGigsUpdated =
    mode === "async"
      ? async () => {
          await Promise.resolve();
          handled++;
        }
      : () => void handled++;
  const handlers = { onGigsUpdated };
  let listener: (req: IncomingMessage, res: ServerResponse) => void;
  if (adapter === "node") {
    const { createNodeHandler } = await import(fromRoot(root, "packages/core/dist/node.js"));
    listener = createNodeHandler({ secret: SECRET, path: PATH, handlers });
  } else if (adapter === "express") {
    const { default: express } = await import("express");
    const { argyleWebhooks } = await import(fromRoot(root, "packages/express/dist/index.js"));
    listener = express().use(PATH, argyleWebhooks({ secret: SECRET, handlers }));
  } else if (adapter === "koa") {
    const { default: Koa } = await import("koa");
    const { argyleWebhooks } = await import(fromRoot(root, "packages/koa/dist/index.js"));
    const app = new Koa();
    app.use(argyleWebhooks({ secret: SECRET, path: PATH, handlers }));
    listener = app.callback();
  } else throw new Error(`unknown adapter ${adapter}`);
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  let since = process.cpuUsage();
  let handledSince = 0;
  process.on("message", (m) => {
    if (m === "reset") {
      since = process.cpuUsage();
      handledSince = handled;
      process.send?.({ ok: true });
    } else {
      const used = process.cpuUsage(since);
      process.send?.({ cpuUs: used.user + used.system, handled: handled - handledSince });
    }
  });
  server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));
}

/** A valid `gigs.updated` example padded (in `name`) to `size` bytes, pretty-printed as Argyle sends it. */
async function body(root: string, size: number): Promise<string> {
  // The examples live in their own subpath since they left the main entry (import time).
  const { argyleWebhookExamples } = await import(fromRoot(root, "packages/core/dist/examples.js"));
  const base = structuredClone(argyleWebhookExamples["gigs.updated"]) as { name: string };
  const text = JSON.stringify(base, null, 2);
  return JSON.stringify(
    { ...base, name: `${base.name}${"-".repeat(Math.max(0, size - Buffer.byteLength(text)))}` },
    null,
    2,
  );
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((ok) => {
    child.once("message", (m) => ok(m as T));
    child.send(message);
  });
}

async function start(root: string, adapter: string, mode: string) {
  const child = fork(import.meta.filename, ["--serve", root, adapter, mode], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // Both servers on the last core, the load generator elsewhere: whatever else runs there slows both alike.
  if (PIN && child.pid) execFileSync("taskset", ["-pc", String(cpus().length - 1), String(child.pid)]);
  const { port } = await new Promise<{ port: number }>((ok, fail) => {
    child.once("message", (m) => ok(m as { port: number }));
    child.once("exit", (code) => fail(new Error(`${root} ${adapter} exited ${code}`)));
  });
  return { child, port };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const pct = (r: number) => `${r >= 1 ? "+" : ""}${((r - 1) * 100).toFixed(1)}%`;

async function load(
  roots: string[],
  adapter: string,
  seconds: number,
  rounds: number,
  size: number,
  mode: string,
) {
  const payload = await body(roots[0] as string, size);
  const headers = {
    "content-type": "application/json",
    "x-argyle-signature": createHmac("sha512", SECRET).update(payload).digest("hex"),
  };
  const rps: number[][] = [[], []];
  const cpu: number[][] = [[], []];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [1, 0] : [0, 1];
    const servers: { child: ChildProcess; port: number }[] = [];
    for (const i of order) servers[i] = await start(roots[i] as string, adapter, mode);
    const options = (i: number) => ({
      url: `http://127.0.0.1:${servers[i]?.port}${PATH}`,
      method: "POST" as const,
      headers,
      body: payload,
      connections: CONNECTIONS,
    });
    await Promise.all(order.map((i) => autocannon({ ...options(i), duration: 1 })));
    await Promise.all(servers.map((s) => ask(s.child, "reset")));
    const results = await Promise.all([0, 1].map((i) => autocannon({ ...options(i), duration: seconds })));
    for (const i of [0, 1]) {
      const r = results[i] as Awaited<ReturnType<typeof autocannon>>;
      const server = servers[i] as { child: ChildProcess };
      const used = await ask<{ cpuUs: number; handled: number }>(server.child, "count");
      if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0 || used.handled < r["2xx"])
        throw new Error(
          `${adapter} ${roots[i]}: ${r.non2xx} non-2xx, ${r.errors} errors, handled ${used.handled}`,
        );
      rps[i]?.push(r.requests.average);
      cpu[i]?.push(used.cpuUs / Math.max(1, used.handled));
      server.child.kill("SIGTERM");
    }
    console.log(
      `${adapter} round ${round + 1}: base ${rps[0]?.at(-1)?.toFixed(0)} req/s ${cpu[0]?.at(-1)?.toFixed(1)} µs/req, candidate ${rps[1]?.at(-1)?.toFixed(0)} req/s ${cpu[1]?.at(-1)?.toFixed(1)} µs/req`,
    );
  }
  const rpsRatios = (rps[0] ?? []).map((b, i) => (rps[1]?.[i] ?? 0) / b);
  const cpuRatios = (cpu[0] ?? []).map((b, i) => b / (cpu[1]?.[i] ?? 1));
  return `| ${adapter} | ${size} B ${mode} | ${median(rps[0] ?? []).toFixed(0)} / ${median(rps[1] ?? []).toFixed(0)} | ${pct(median(rpsRatios))} (${rpsRatios.map(pct).join(", ")}) | ${median(cpu[0] ?? []).toFixed(1)} / ${median(cpu[1] ?? []).toFixed(1)} | ${pct(median(cpuRatios))} (${cpuRatios.map(pct).join(", ")}) |`;
}

function importTimes(roots: string[], runs: number): string {
  const times: number[][] = [[], []];
  const script = (root: string) =>
    `const t = performance.now(); await import(${JSON.stringify(fromRoot(root, "packages/core/dist/index.js"))}); console.log(performance.now() - t);`;
  for (let run = 0; run < runs; run++) {
    for (const i of run % 2 ? [1, 0] : [0, 1]) {
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script(roots[i] as string)], {
        encoding: "utf8",
      });
      times[i]?.push(Number(out.trim()));
    }
  }
  const ratios = (times[0] ?? []).map((b, i) => (times[1]?.[i] ?? 0) / b);
  return `import "@argyle-webhooks/core" (fresh process, ${runs} alternating runs): base median ${median(times[0] ?? []).toFixed(1)} ms, candidate ${median(times[1] ?? []).toFixed(1)} ms, candidate/base per run median ${median(ratios).toFixed(3)}x`;
}

/** `receive()` of both builds in this one process, rounds interleaved: CPU µs per delivery, and the ratio per round. */
async function receiveTimes(roots: string[], size: number, rounds: number, mode: string): Promise<string> {
  const payload = Buffer.from(await body(roots[0] as string, size));
  const headers = {
    "content-type": "application/json",
    "x-argyle-signature": createHmac("sha512", SECRET).update(payload).digest("hex"),
  };
  const instances = await Promise.all(
    roots.map(async (root) => {
      const { ArgyleWebhooks } = await import(fromRoot(root, "packages/core/dist/index.js"));
      const webhooks = new ArgyleWebhooks({ secret: SECRET });
      webhooks.onGigsUpdated(mode === "async" ? async () => {} : () => {});
      return webhooks as { receive(input: unknown): Promise<{ status: number }> };
    }),
  );
  const iterations = Math.max(500, Math.floor(100_000_000 / (size + 4000)));
  const run = async (i: number) => {
    const webhooks = instances[i] as (typeof instances)[number];
    // CPU time, not wall time: on a shared machine the time this process waits for a core is not its cost.
    const start = process.cpuUsage();
    for (let n = 0; n < iterations; n++) {
      const { status } = await webhooks.receive({ rawBody: payload, headers });
      if (status !== 200) throw new Error(`${roots[i]}: receive() answered ${status}`);
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / iterations;
  };
  for (const i of [0, 1]) await run(i); // warm-up
  const times: number[][] = [[], []];
  for (let round = 0; round < rounds; round++)
    for (const i of round % 2 ? [1, 0] : [0, 1]) times[i]?.push(await run(i));
  const ratios = (times[0] ?? []).map((b, i) => b / (times[1]?.[i] ?? 1));
  return `receive() ${size} B ${mode}, ${iterations} deliveries x ${rounds} interleaved rounds, CPU time: base median ${median(times[0] ?? []).toFixed(2)} µs, candidate ${median(times[1] ?? []).toFixed(2)} µs, base/candidate per round median ${pct(median(ratios))} (min ${pct(Math.min(...ratios))}, max ${pct(Math.max(...ratios))})`;
}

async function main(argv: string[]) {
  if (argv[0] === "--serve") return serve(argv[1] as string, argv[2] as string, argv[3] ?? "sync");
  const [base, candidate, what = "node,express,koa", ...rest] = argv;
  if (!base || !candidate)
    throw new Error("usage: npx tsx bench/ab-core.ts <base-root> <candidate-root> ...");
  const roots = [resolve(base), resolve(candidate)];
  if (PIN) execFileSync("taskset", ["-pc", `0-${cpus().length - 2}`, String(process.pid)]);
  if (what === "receive") {
    console.log(await receiveTimes(roots, Number(rest[0] ?? 600), Number(rest[1] ?? 21), rest[2] ?? "sync"));
    return;
  }
  if (what === "import") {
    console.log(importTimes(roots, Number(rest[0] ?? 30)));
    return;
  }
  const [seconds = 6, rounds = 6, size = 600] = rest.slice(0, 3).map(Number);
  const mode = rest[3] ?? "sync";
  const rows: string[] = [];
  for (const adapter of what.split(",")) rows.push(await load(roots, adapter, seconds, rounds, size, mode));
  console.log(`
base ${roots[0]} vs candidate ${roots[1]}: both under ${CONNECTIONS} autocannon connections at once, ${seconds} s, ${rounds} rounds
(start order alternating); ratios per round, median. CPU = the server process's user+system time per handled request.
${PIN ? `Both servers pinned to core ${cpus().length - 1}, autocannon to the others (--no-pin to not pin).` : "Not pinned."}

| adapter | body | req/s base / candidate | throughput | CPU µs/req base / candidate | CPU per request (base/candidate) |
| --- | --- | --- | --- | --- | --- |
${rows.join("\n")}`);
}

await main(process.argv.slice(2).filter((arg) => arg !== "--no-pin"));
