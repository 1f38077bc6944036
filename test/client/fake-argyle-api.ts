import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Events whose subscriptions accept `config`, exactly as Argyle's API lists them in its 400 answer
 * (catalog.md §1.1, quoted from a real response in DSACMS/iv-cbv-payroll).
 */
export const CONFIG_ALLOWED_EVENTS = [
  "accounts.added",
  "accounts.connected",
  "accounts.failed",
  "accounts.updated",
  "gigs.partially_synced",
  "items.removed",
  "items.updated",
  "paystubs.partially_synced",
  "shifts.partially_synced",
] as const;

export interface StoredSubscription {
  id: string;
  name: string;
  events: string[];
  url: string;
  secret: string | null;
  config: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  last_sent_at: string | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

type Scripted = { status: number; headers?: Record<string, string>; body?: string } | "hang";

/**
 * A stand-in for Argyle's `/v2/webhooks` API on 127.0.0.1, following the documented contract (catalog.md §4):
 * Basic auth, `{ next, previous, results }` pages with absolute `next` links, `{ field: [messages] }` 400s,
 * `DELETE` answering an empty body. Scripted answers (429, 5xx, hanging) can be queued per `METHOD path`.
 */
export async function startFakeArgyleApi(
  options: { apiKeyId?: string; apiKeySecret?: string; pageSize?: number; forbiddenKeyId?: string } = {},
) {
  const apiKeyId = options.apiKeyId ?? "test-key-id-0123456789";
  const apiKeySecret = options.apiKeySecret ?? "test-key-secret-do-not-print";
  const pageSize = options.pageSize ?? 2;
  const store: StoredSubscription[] = [];
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, Scripted[]>();
  const hanging = new Set<ServerResponse>();
  let nextOverride: string | undefined;

  const send = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { "content-type": "application/json" } : {}), ...headers });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const key = `${req.method} ${url.pathname}`;
    requests.push({
      method: req.method ?? "",
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      body,
    });

    const scripted = scripts.get(key)?.shift() ?? scripts.get(`${req.method} *`)?.shift();
    if (scripted === "hang") {
      hanging.add(res);
      return;
    }
    if (scripted) {
      res.writeHead(scripted.status, { "content-type": "application/json", ...scripted.headers });
      res.end(scripted.body ?? "");
      return;
    }

    const [scheme, encoded] = (req.headers.authorization ?? "").split(" ");
    const [id, ...secretParts] = Buffer.from(encoded ?? "", "base64")
      .toString("utf8")
      .split(":");
    if (scheme !== "Basic" || id !== apiKeyId || secretParts.join(":") !== apiKeySecret) {
      if (scheme === "Basic" && id === options.forbiddenKeyId)
        return send(res, 403, { detail: "You do not have permission to perform this action." });
      return send(
        res,
        401,
        { detail: "Invalid username/password." },
        { "www-authenticate": 'Basic realm="api"' },
      );
    }

    const match = /^\/v2\/webhooks(?:\/([^/]+))?\/?$/.exec(url.pathname);
    if (!match) return send(res, 404, { detail: "Not found." });
    const id_ = match[1] ? decodeURIComponent(match[1]) : undefined;

    if (id_ === undefined && req.method === "GET") {
      const page = Number(url.searchParams.get("page") ?? "1");
      const results = store.slice((page - 1) * pageSize, page * pageSize);
      const link = (p: number) => `http://${req.headers.host}/v2/webhooks?page=${p}`;
      const next = page * pageSize < store.length ? (nextOverride ?? link(page + 1)) : null;
      return send(res, 200, { next, previous: page > 1 ? link(page - 1) : null, results });
    }
    if (id_ === undefined && req.method === "POST") {
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return send(res, 400, { detail: "JSON parse error" });
      }
      const errors: Record<string, string[]> = {};
      for (const field of ["events", "name", "url"])
        if (input[field] === undefined || input[field] === "") errors[field] = ["This field is required."];
      const events = Array.isArray(input.events) ? (input.events as string[]) : [];
      const config = input.config as Record<string, unknown> | undefined;
      if (
        config !== undefined &&
        config !== null &&
        events.some((e) => !(CONFIG_ALLOWED_EVENTS as readonly string[]).includes(e))
      ) {
        errors.config = [`only allowed for ${CONFIG_ALLOWED_EVENTS.join(", ")}`];
      }
      if (Object.keys(errors).length > 0) return send(res, 400, errors);
      const now = new Date().toISOString();
      const created: StoredSubscription = {
        id: randomUUID(),
        name: String(input.name),
        events,
        url: String(input.url),
        secret: typeof input.secret === "string" ? input.secret : null,
        config: config ?? {},
        created_at: now,
        updated_at: now,
        last_sent_at: null,
      };
      store.push(created);
      return send(res, 201, created);
    }
    const index = store.findIndex((s) => s.id === id_);
    if (id_ !== undefined && req.method === "GET")
      return index < 0 ? send(res, 404, { detail: "Not found." }) : send(res, 200, store[index]);
    if (id_ !== undefined && req.method === "DELETE") {
      if (index < 0) return send(res, 404, { detail: "Not found." });
      store.splice(index, 1);
      return send(res, 204);
    }
    return send(res, 405, { detail: `Method "${req.method}" not allowed.` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v2` as const,
    apiKeyId,
    apiKeySecret,
    store,
    requests,
    /** Answers the next requests to `METHOD /v2/path` (or `METHOD *`) with these, in order. */
    script(key: string, ...answers: Scripted[]) {
      scripts.set(key, [...(scripts.get(key) ?? []), ...answers]);
    },
    /** Makes list pages point `next` at this URL instead of the server's own. */
    overrideNext(url: string) {
      nextOverride = url;
    },
    seed(...subs: Partial<StoredSubscription>[]) {
      for (const sub of subs) {
        const now = new Date().toISOString();
        store.push({
          id: randomUUID(),
          name: "seeded",
          events: ["users.fully_synced"],
          url: "https://example.com/hooks",
          secret: null,
          config: {},
          created_at: now,
          updated_at: now,
          last_sent_at: null,
          ...sub,
        });
      }
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeArgyleApi = Awaited<ReturnType<typeof startFakeArgyleApi>>;
