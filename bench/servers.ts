/**
 * The servers `bench/adapters.ts` loads, one per child process: `tsx bench/servers.ts <scenario>` prints
 * `port <n>` once listening on 127.0.0.1. "bare" servers do by hand what users hand-roll today (read the raw
 * body, HMAC-SHA512 it, compare in constant time, JSON.parse, dispatch on `event`), so a ratio shows our cost.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Webhooks } from "@octokit/webhooks";
import express from "express";
import Koa from "koa";
import getRawBody from "raw-body";
import { adapter, WEBHOOK_PATH } from "../test/helpers/adapter-registry.js";

export const BENCH_SECRET = "bench-secret";
export const BENCH_PATH = WEBHOOK_PATH;

let handled = 0;
const handlers = { onGigsUpdated: () => void handled++ };

/** Hand-rolled verification: HMAC-SHA512 over the raw bytes, constant-time compare, parse, dispatch. */
function handRolled(raw: Buffer, signature: string | string[] | undefined): number {
  if (typeof signature !== "string" || signature.length !== 128) return 401;
  const expected = createHmac("sha512", BENCH_SECRET).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return 401;
  const message = JSON.parse(raw.toString("utf8")) as { event: string };
  if (message.event === "gigs.updated") handled++;
  return 200;
}

function answer(res: ServerResponse, status: number) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(status === 200 ? '{"ok":true}' : '{"ok":false}');
}

const scenarios: Record<string, () => (req: IncomingMessage, res: ServerResponse) => void> = {
  "express-bare": () =>
    express().post(BENCH_PATH, express.raw({ type: "application/json", limit: "1mb" }), (req, res) => {
      answer(res, handRolled(req.body as Buffer, req.headers["x-argyle-signature"]));
    }),
  // "ours": the registry's entries (test/helpers/adapter-registry.ts), as the conformance tests run them.
  "express-ours": () => adapter("express 5").listener({ secret: BENCH_SECRET, handlers }),
  "koa-bare": () => {
    const app = new Koa();
    app.use(async (ctx) => {
      if (ctx.path !== BENCH_PATH || ctx.method !== "POST") return;
      const raw = await getRawBody(ctx.req, { limit: "1mb" });
      ctx.status = handRolled(raw, ctx.get("x-argyle-signature"));
      ctx.body = ctx.status === 200 ? { ok: true } : { ok: false };
    });
    return app.callback();
  },
  "koa-ours": () => adapter("koa 3").listener({ secret: BENCH_SECRET, path: BENCH_PATH, handlers }),
  "node-bare": () => (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => answer(res, handRolled(Buffer.concat(chunks), req.headers["x-argyle-signature"])));
  },
  "node-ours": () => adapter("node:http").listener({ secret: BENCH_SECRET, path: BENCH_PATH, handlers }),
  "node-octokit": () => {
    const webhooks = new Webhooks({ secret: BENCH_SECRET });
    webhooks.on("ping", () => void handled++);
    return createNodeMiddleware(webhooks, { path: BENCH_PATH }) as (
      req: IncomingMessage,
      res: ServerResponse,
    ) => void;
  },
};

const name = process.argv[2] ?? "";
const scenario = scenarios[name];
if (!scenario) {
  console.error(`unknown scenario "${name}"; one of ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
const server = createServer(scenario());
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as AddressInfo).port}`));
process.on("message", () => process.send?.({ handled }));
process.on("SIGTERM", () => process.exit(0));
