import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { ArgyleWebhooks, type ArgyleWebhooksOptions, silentLogger } from "@argyle-webhooks/core";
import { createFetchHandler } from "@argyle-webhooks/core/fetch";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import express5 from "express";
import express4 from "express4";
import Koa3 from "koa";
import Koa2 from "koa2";
import { bodyBytes, type RawRequest, type RawResponse, sendRaw } from "../helpers/send-raw.js";

export const WEBHOOK_PATH = "/webhooks/argyle";

/** What a handler does in a vector: record and return, throw, or outlast `timeoutMs`. */
export type Behaviour = "ok" | "throw" | "slow";

/** A receiver under test: answers a raw request and records which handlers ran. */
export interface Target {
  send(req: RawRequest): Promise<RawResponse>;
  readonly calls: string[];
  close(): Promise<void>;
}

/** Builds the instance every target runs, with a listener that records calls and acts out `behaviour`. */
export function recordingWebhooks(options: Record<string, unknown>, behaviour: Behaviour = "ok") {
  const calls: string[] = [];
  const webhooks = new ArgyleWebhooks({ logger: silentLogger, ...options } as ArgyleWebhooksOptions);
  webhooks.onAny(async (event) => {
    calls.push(event.event);
    if (behaviour === "throw") throw new Error("handler failed on purpose");
    if (behaviour === "slow") await new Promise((r) => setTimeout(r, 600));
  });
  return { webhooks, calls };
}

/** Listens on 127.0.0.1 with an ephemeral port; resolves with the port and a closer that drops open sockets. */
export async function listen(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type ServerFactory = (webhooks: ArgyleWebhooks) => Server;

const serverFactories: Record<string, ServerFactory> = {
  "express 5": (webhooks) => {
    const app = express5();
    app.use(WEBHOOK_PATH, expressWebhooks(webhooks));
    return createServer(app);
  },
  "express 4": (webhooks) => {
    const app = express4();
    app.use(WEBHOOK_PATH, expressWebhooks(webhooks));
    return createServer(app);
  },
  "koa 3": (webhooks) => {
    const app = new Koa3();
    app.use(koaWebhooks(webhooks));
    return createServer(app.callback());
  },
  "koa 2": (webhooks) => {
    const app = new Koa2();
    app.use(koaWebhooks(webhooks));
    return createServer(app.callback());
  },
  "node:http": (webhooks) => createServer(createNodeHandler(webhooks)),
  fetch: (webhooks) => {
    // A Fetch handler behind node:http, bridged the way Fetch-based frameworks bridge Node requests.
    const addresses = new WeakMap<Request, string | undefined>();
    const handler = createFetchHandler(webhooks, { getRemoteAddress: (request) => addresses.get(request) });
    return createServer(async (req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const v of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, v);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        duplex: "half",
      } as RequestInit);
      addresses.set(request, req.socket.remoteAddress);
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
  },
};

/** The names of every target, servers first, then core's `receive()`. */
export const TARGET_NAMES = [...Object.keys(serverFactories), "receive()"] as const;

/** Starts the named target with the vector's options; `receive()` runs in-process without a server. */
export async function startTarget(
  name: string,
  options: Record<string, unknown>,
  behaviour: Behaviour = "ok",
): Promise<Target> {
  // Webhook options need a path for the adapters mounted at the root.
  const { webhooks, calls } = recordingWebhooks(
    name.startsWith("koa") || name === "node:http" || name === "fetch"
      ? { ...options, path: WEBHOOK_PATH }
      : options,
    behaviour,
  );
  if (name === "receive()") {
    return {
      calls,
      close: async () => {},
      send: async (req) => {
        const response = await webhooks.receive({
          rawBody: bodyBytes(req),
          headers: req.headers,
          method: req.method,
          remoteAddress: "127.0.0.1",
        });
        return { status: response.status, headers: response.headers, body: response.body };
      },
    };
  }
  const factory = serverFactories[name];
  if (!factory) throw new Error(`unknown target ${name}`);
  const { port, close } = await listen(factory(webhooks));
  return { calls, close, send: (req) => sendRaw(port, WEBHOOK_PATH, req) };
}
