// node:http, Express 4 and 5 and Koa 2 and 3 adapters of the packed packages, one port each, serving every
// conformance vector. Prints `READY {"ports":{…},"runtime":…}` when all listen on 127.0.0.1.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import express4 from "express4";
import express5 from "express5";
import Koa2 from "koa2";
import Koa3 from "koa3";
import { route, vectorOptions } from "./vector-app.mjs";

const { vectors } = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8"));

const adapters = {
  "node:http": (options, path) => createNodeHandler({ ...options, path }),
  "express 4": (options, path) => express4().use(path, expressWebhooks(options)),
  "express 5": (options, path) => express5().use(path, expressWebhooks(options)),
  "koa 2": (options, path) => new Koa2().use(koaWebhooks({ ...options, path })).callback(),
  "koa 3": (options, path) => new Koa3().use(koaWebhooks({ ...options, path })).callback(),
};

function serverFor(make) {
  const receivers = vectors.map((vector, i) => {
    const { options, calls } = vectorOptions(vector);
    return { calls, listener: make(options, `/v/${i}`) };
  });
  return createServer((req, res) => {
    const r = route(new URL(req.url, "http://127.0.0.1").pathname);
    if (r?.calls !== undefined) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify([...(receivers[r.calls]?.calls ?? [])].sort()));
    }
    const receiver = r?.vector !== undefined ? receivers[r.vector] : undefined;
    if (!receiver) return res.writeHead(404).end("no such vector");
    receiver.listener(req, res, () => res.writeHead(404).end("next() called"));
  });
}

const ports = {};
await Promise.all(
  Object.entries(adapters).map(
    ([name, make]) =>
      new Promise((resolve) => {
        const server = serverFor(make);
        server.listen(0, "127.0.0.1", () => {
          ports[name] = server.address().port;
          resolve();
        });
      }),
  ),
);
console.log(`READY ${JSON.stringify({ ports, runtime: `node ${process.versions.node}` })}`);
