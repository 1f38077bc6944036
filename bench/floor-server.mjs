// One server of `bench/floor.ts`, in its own process: `node bench/floor-server.mjs <adapter> <variant>`, forked
// with an IPC channel. Plain JavaScript (no tsx loader) so every variant starts and runs the same way.
//   adapter: express4 | express5 | koa2 | koa3 | node | fetch
//   variant: bare   (the framework route reading the raw body, no HMAC, answering 200)
//            floor  (the same route + HMAC-SHA512 with createHmac + timingSafeEqual + JSON.parse)
//            floor-validated (the floor + the generated validator of the event, as receive()'s in-process floor)
//            ours-sync | ours-async  (our adapter with default options, a sync or an async handler)
//            octokit (@octokit/webhooks' node middleware; node only)
// Sends { port } once listening on 127.0.0.1; answers every "mark" message with its CPU time and counters so
// the parent can compute CPU µs per request over a measured window.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Readable } from "node:stream";

const SECRET = "bench-secret";
const PATH = "/webhooks/argyle";
const OK = '{"ok":true}';
const REJECTED = '{"ok":false}';
const [adapter = "", variant = ""] = process.argv.slice(2);

let handled = 0;

/** The raw body of a Node request, read by hand: the cheapest way to get the bytes. */
function readRaw(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The validator of `gigs.updated`, loaded only by the floor-validated variant. */
const validate =
  variant === "floor-validated"
    ? (await import("@argyle-webhooks/core/validators")).validators["gigs.updated"]
    : undefined;

/** The floor's work: HMAC-SHA512 over the raw bytes, constant-time compare, JSON.parse. Returns the status. */
function verify(raw, signature) {
  if (typeof signature !== "string" || signature.length !== 128) return 401;
  const expected = createHmac("sha512", SECRET).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return 401;
  const message = JSON.parse(raw.toString("utf8"));
  if (validate && !validate(message)) return 400;
  if (message.event === "gigs.updated") handled++;
  return 200;
}

function answer(res, status) {
  const body = status === 200 ? OK : REJECTED;
  res.writeHead(status, { "content-type": "application/json", "content-length": String(body.length) });
  res.end(body);
}

const handlers = {
  "ours-sync": {
    onGigsUpdated: () => {
      handled++;
    },
  },
  "ours-async": {
    onGigsUpdated: async () => {
      handled++;
    },
  },
};

/** Hand-rolled Node route: `bare` only reads the body; `floor` verifies and parses it too. */
function nodeRoute(work) {
  return (req, res) => {
    if (req.method !== "POST" || req.url !== PATH) return answer(res, 404);
    readRaw(req).then(
      (raw) => answer(res, work === "bare" ? 200 : verify(raw, req.headers["x-argyle-signature"])),
      () => answer(res, 400),
    );
  };
}

/** A minimal Node → Fetch bridge: a streaming `Request` in, the `Response` written back. Same for every variant. */
function fetchBridge(handler) {
  return (req, res) => {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: hasBody ? Readable.toWeb(req) : undefined,
      duplex: "half",
    });
    handler(request).then(
      async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(body);
      },
      () => answer(res, 500),
    );
  };
}

function fetchRoute(work) {
  return async (request) => {
    if (request.method !== "POST" || new URL(request.url).pathname !== PATH)
      return new Response(null, { status: 404 });
    const raw = Buffer.from(await request.arrayBuffer());
    const status =
      work === "bare" ? 200 : verify(raw, request.headers.get("x-argyle-signature") ?? undefined);
    return new Response(status === 200 ? OK : REJECTED, {
      status,
      headers: { "content-type": "application/json" },
    });
  };
}

async function expressApp(express, work) {
  if (!work.startsWith("ours")) return express().post(PATH, nodeRoute(work));
  const { argyleWebhooks } = await import("@argyle-webhooks/express");
  return express().use(PATH, argyleWebhooks({ secret: SECRET, handlers: handlers[work] }));
}

async function koaApp(Koa, work) {
  const app = new Koa();
  if (!work.startsWith("ours")) {
    app.use(async (ctx) => {
      if (ctx.method !== "POST" || ctx.path !== PATH) return;
      const raw = await readRaw(ctx.req);
      ctx.status = work === "bare" ? 200 : verify(raw, ctx.get("x-argyle-signature"));
      ctx.type = "application/json";
      ctx.body = ctx.status === 200 ? OK : REJECTED;
    });
  } else {
    const { argyleWebhooks } = await import("@argyle-webhooks/koa");
    app.use(argyleWebhooks({ secret: SECRET, path: PATH, handlers: handlers[work] }));
  }
  return app.callback();
}

async function listener() {
  const ours = variant === "ours-sync" || variant === "ours-async";
  const hand = variant === "bare" || variant === "floor" || variant === "floor-validated";
  if (!ours && !hand && !(variant === "octokit" && adapter === "node"))
    throw new Error(`unknown variant ${variant} for ${adapter}`);
  switch (adapter) {
    case "express4":
      return expressApp((await import("express4")).default, variant);
    case "express5":
      return expressApp((await import("express")).default, variant);
    case "koa2":
      return koaApp((await import("koa2")).default, variant);
    case "koa3":
      return koaApp((await import("koa")).default, variant);
    case "node": {
      if (variant === "octokit") {
        const { Webhooks, createNodeMiddleware } = await import("@octokit/webhooks");
        const webhooks = new Webhooks({ secret: SECRET });
        webhooks.on("ping", () => {
          handled++;
        });
        return createNodeMiddleware(webhooks, { path: PATH });
      }
      if (!ours) return nodeRoute(variant);
      const { createNodeHandler } = await import("@argyle-webhooks/core/node");
      return createNodeHandler({ secret: SECRET, path: PATH, handlers: handlers[variant] });
    }
    case "fetch": {
      if (!ours) return fetchBridge(fetchRoute(variant));
      const { createFetchHandler } = await import("@argyle-webhooks/core/fetch");
      return fetchBridge(createFetchHandler({ secret: SECRET, path: PATH, handlers: handlers[variant] }));
    }
    default:
      throw new Error(`unknown adapter ${adapter}`);
  }
}

const server = createServer(await listener());
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("message", (message) => {
  if (message === "mark") {
    const cpu = process.cpuUsage();
    process.send?.({ mark: { cpuUs: cpu.user + cpu.system, handled } });
  }
});
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
