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
// Several variants, comma-separated (`node bench/floor-server.mjs koa3 bare,floor`), run in one process, each on
// its own port: { ports: { [variant]: port } } once all listen, and each "mark" answer also carries
// marks: { [variant]: { cpuUs, handled } } (the process's CPU time, that variant's handler calls). The
// benchmark measures one variant per process; the tests of these servers use one process per adapter.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Readable } from "node:stream";

const SECRET = "bench-secret";
const PATH = "/webhooks/argyle";
const OK = '{"ok":true}';
const REJECTED = '{"ok":false}';
const [adapter = "", variantList = ""] = process.argv.slice(2);
const variants = variantList.split(",");

/** The raw body of a Node request, read by hand: the cheapest way to get the bytes. */
function readRaw(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The validator of `gigs.updated`, loaded only for the floor-validated variant. */
const gigsUpdated = variants.includes("floor-validated")
  ? (await import("@argyle-webhooks/core/validators")).validators["gigs.updated"]
  : undefined;

/**
 * The floor's work for one variant: HMAC-SHA512 over the raw bytes, constant-time compare, JSON.parse (and the
 * validator for floor-validated). Returns the status; counts handled deliveries in `counter`.
 */
function floorVerifier(variant, counter) {
  const validate = variant === "floor-validated" ? gigsUpdated : undefined;
  return (raw, signature) => {
    if (typeof signature !== "string" || signature.length !== 128) return 401;
    const expected = createHmac("sha512", SECRET).update(raw).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return 401;
    const message = JSON.parse(raw.toString("utf8"));
    if (validate && !validate(message)) return 400;
    if (message.event === "gigs.updated") counter.handled++;
    return 200;
  };
}

function answer(res, status) {
  const body = status === 200 ? OK : REJECTED;
  res.writeHead(status, { "content-type": "application/json", "content-length": String(body.length) });
  res.end(body);
}

/** Our handlers for the ours-* variants, counting in `counter`. */
function handlers(work, counter) {
  return work === "ours-async"
    ? {
        onGigsUpdated: async () => {
          counter.handled++;
        },
      }
    : {
        onGigsUpdated: () => {
          counter.handled++;
        },
      };
}

/** Hand-rolled Node route: `bare` only reads the body; `floor` verifies and parses it too. */
function nodeRoute(work, verify) {
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

function fetchRoute(work, verify) {
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

async function expressApp(express, work, counter) {
  if (!work.startsWith("ours")) return express().post(PATH, nodeRoute(work, floorVerifier(work, counter)));
  const { argyleWebhooks } = await import("@argyle-webhooks/express");
  return express().use(PATH, argyleWebhooks({ secret: SECRET, handlers: handlers(work, counter) }));
}

async function koaApp(Koa, work, counter) {
  const app = new Koa();
  if (!work.startsWith("ours")) {
    const verify = floorVerifier(work, counter);
    app.use(async (ctx) => {
      if (ctx.method !== "POST" || ctx.path !== PATH) return;
      const raw = await readRaw(ctx.req);
      ctx.status = work === "bare" ? 200 : verify(raw, ctx.get("x-argyle-signature"));
      ctx.type = "application/json";
      ctx.body = ctx.status === 200 ? OK : REJECTED;
    });
  } else {
    const { argyleWebhooks } = await import("@argyle-webhooks/koa");
    app.use(argyleWebhooks({ secret: SECRET, path: PATH, handlers: handlers(work, counter) }));
  }
  return app.callback();
}

/** The request listener of one variant, counting its handled deliveries in `counter`. */
async function listener(variant, counter) {
  const ours = variant === "ours-sync" || variant === "ours-async";
  const hand = variant === "bare" || variant === "floor" || variant === "floor-validated";
  if (!ours && !hand && !(variant === "octokit" && adapter === "node"))
    throw new Error(`unknown variant ${variant} for ${adapter}`);
  switch (adapter) {
    case "express4":
      return expressApp((await import("express4")).default, variant, counter);
    case "express5":
      return expressApp((await import("express")).default, variant, counter);
    case "koa2":
      return koaApp((await import("koa2")).default, variant, counter);
    case "koa3":
      return koaApp((await import("koa")).default, variant, counter);
    case "node": {
      if (variant === "octokit") {
        const { Webhooks, createNodeMiddleware } = await import("@octokit/webhooks");
        const webhooks = new Webhooks({ secret: SECRET });
        webhooks.on("ping", () => {
          counter.handled++;
        });
        return createNodeMiddleware(webhooks, { path: PATH });
      }
      if (!ours) return nodeRoute(variant, floorVerifier(variant, counter));
      const { createNodeHandler } = await import("@argyle-webhooks/core/node");
      return createNodeHandler({ secret: SECRET, path: PATH, handlers: handlers(variant, counter) });
    }
    case "fetch": {
      if (!ours) return fetchBridge(fetchRoute(variant, floorVerifier(variant, counter)));
      const { createFetchHandler } = await import("@argyle-webhooks/core/fetch");
      return fetchBridge(
        createFetchHandler({ secret: SECRET, path: PATH, handlers: handlers(variant, counter) }),
      );
    }
    default:
      throw new Error(`unknown adapter ${adapter}`);
  }
}

/** Starts one variant's server on an ephemeral port of 127.0.0.1; resolves with its port and counter. */
async function serve(variant) {
  const counter = { handled: 0 };
  const server = createServer(await listener(variant, counter));
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { variant, port: server.address().port, counter };
}

const served = await Promise.all(variants.map(serve));
if (served.length === 1) process.send?.({ port: served[0].port });
else process.send?.({ ports: Object.fromEntries(served.map((s) => [s.variant, s.port])) });
process.on("message", (message) => {
  if (message === "mark") {
    const cpu = process.cpuUsage();
    const cpuUs = cpu.user + cpu.system;
    const handled = served.reduce((n, s) => n + s.counter.handled, 0);
    const marks =
      served.length === 1
        ? {}
        : {
            marks: Object.fromEntries(served.map((s) => [s.variant, { cpuUs, handled: s.counter.handled }])),
          };
    process.send?.({ mark: { cpuUs, handled }, ...marks });
  }
});
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
