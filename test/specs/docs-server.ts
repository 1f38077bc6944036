import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";

/** How the stand-in docs site answers one path instead of serving the fixture file. */
export type PageOverride = { body: string } | { status: number } | "reset" | "hang";

export interface DocsServer {
  baseUrl: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** Per-path answers that replace the fixture files (`/api-reference/gigs-webhooks/updated.md`). */
  overrides: Map<string, PageOverride>;
  close(): Promise<void>;
}

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(`/${relative(dir, path).split("\\").join("/")}`, readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/**
 * A documentation site on 127.0.0.1 (port 0) serving `dir` the way Argyle's Mintlify site does: `llms.txt` and
 * `<page>.md` as text/markdown, 404 for anything else.
 */
export async function startDocsServer(dir: string): Promise<DocsServer> {
  const files = filesUnder(dir);
  const requests: string[] = [];
  const overrides = new Map<string, PageOverride>();
  const hanging = new Set<import("node:http").ServerResponse>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    requests.push(path);
    const override = overrides.get(path);
    if (override === "reset") {
      req.socket.destroy();
      return;
    }
    if (override === "hang") {
      hanging.add(res);
      res.writeHead(200, { "content-type": "text/markdown; charset=utf-8" });
      res.write("> ## Documentation Index\n");
      return;
    }
    if (override && "status" in override) {
      res.writeHead(override.status, { "content-type": "text/plain" }).end("error");
      return;
    }
    const body = override?.body ?? files.get(path);
    if (body === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res
      .writeHead(200, {
        "content-type": path.endsWith(".md") ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8",
      })
      .end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    overrides,
    close: () =>
      new Promise<void>((done) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
