// The Fetch handler of the packed @argyle-webhooks/core on Node, Bun or Deno, serving every conformance vector.
// With the argument `web`, the web build (what Workers and Next.js edge get) instead of what the runtime resolves.
// Prints one line `READY {"port":…,"runtime":…,"resolved":…}` when listening on 127.0.0.1.
import { fetchApp } from "./vector-app.mjs";

const args = globalThis.Deno ? Deno.args : process.argv.slice(2);
const resolved = args.includes("web")
  ? new URL("./node_modules/@argyle-webhooks/core/dist/web/fetch.js", import.meta.url).href
  : import.meta.resolve("@argyle-webhooks/core/fetch");
const { createFetchHandler } = await import(resolved);

const vectors = JSON.parse(await readText(new URL("./vectors.json", import.meta.url)));
const addresses = new WeakMap();
const app = fetchApp(vectors.vectors, createFetchHandler, (request) => addresses.get(request));

async function readText(url) {
  if (globalThis.Deno) return Deno.readTextFile(url);
  const { readFile } = await import("node:fs/promises");
  return readFile(url, "utf8");
}

function ready(port, runtime) {
  console.log(`READY ${JSON.stringify({ port, runtime, resolved })}`);
}

if (globalThis.Bun) {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request, srv) {
      addresses.set(request, srv.requestIP(request)?.address);
      return app(request);
    },
  });
  ready(server.port, `bun ${Bun.version}`);
} else if (globalThis.Deno) {
  Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => ready(port, `deno ${Deno.version.deno}`) },
    (request, info) => {
      addresses.set(request, info.remoteAddr.hostname);
      return app(request);
    },
  );
} else {
  // Node has no Fetch server: bridge node:http to Request/Response, as Fetch frameworks on Node do.
  const { createServer } = await import("node:http");
  const { Readable } = await import("node:stream");
  const server = createServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      for (const v of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, v);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: hasBody ? Readable.toWeb(req) : undefined,
      duplex: "half",
    });
    addresses.set(request, req.socket.remoteAddress);
    const response = await app(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(0, "127.0.0.1", () => ready(server.address().port, `node ${process.versions.node}`));
}
