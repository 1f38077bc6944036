import { createServer } from "node:http";
import { EXPRESS_CONSUMED_HINT, argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { KOA_CONSUMED_HINT, argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import { bodyParser as koaBodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import express5 from "express";
import express4 from "express4";
import Koa3 from "koa";
import legacyKoaBodyParser from "koa-bodyparser";
import Koa2 from "koa2";
import getRawBody from "raw-body";
import { afterEach, describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";
import { sendRaw } from "../helpers/send-raw.js";
import { listen, recordingWebhooks } from "./targets.js";

const SECRET = "setup-secret";
const valid = () => ({ method: "POST", ...signedDelivery("accounts.connected", SECRET) });
const forged = () => ({ method: "POST", ...signedDelivery("accounts.connected", "wrong") });
const oversized = () => ({
  method: "POST",
  ...signedDelivery("accounts.connected", SECRET, (m) => {
    m.padding = "x".repeat(4000);
  }),
});
const nonAscii = () => ({
  method: "POST",
  ...signedDelivery("accounts.connected", SECRET, (m) => {
    m.name = "Zoë ✓ 日本語 🚀";
  }),
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

type App = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;

async function serve(
  build: (webhooks: ReturnType<typeof recordingWebhooks>["webhooks"]) => App,
  options: Record<string, unknown> = {},
) {
  const { webhooks, calls } = recordingWebhooks({ secret: SECRET, ...options });
  const { port, close } = await listen(createServer(build(webhooks)));
  closers.push(close);
  return {
    calls,
    send: (req: Parameters<typeof sendRaw>[2], path = "/webhooks/argyle") => sendRaw(port, path, req),
  };
}

const expressVersions = [
  ["express 5", express5],
  ["express 4", express4],
] as const;

describe.each(expressVersions)("%s", (_name, express) => {
  const mounts = {
    "app.use(path, mw)": (mw: ReturnType<typeof expressWebhooks>) => express().use("/webhooks/argyle", mw),
    "app.post(path, mw)": (mw: ReturnType<typeof expressWebhooks>) => express().post("/webhooks/argyle", mw),
    "a Router under app.use": (mw: ReturnType<typeof expressWebhooks>) =>
      express().use("/webhooks", express.Router().post("/argyle", mw)),
    "path option at the root": (mw: ReturnType<typeof expressWebhooks>) => express().use(mw),
  };
  it.each(Object.keys(mounts))(
    "mounted with %s: verified delivery reaches the handler, forged gets 401",
    async (mount) => {
      const pathOption = mount === "path option at the root" ? { path: "/webhooks/argyle" } : {};
      const server = await serve(
        (w) => mounts[mount as keyof typeof mounts](expressWebhooks(w)) as unknown as App,
        pathOption,
      );
      expect((await server.send(valid())).status).toBe(200);
      expect((await server.send(forged())).status).toBe(401);
      expect(server.calls).toEqual(["accounts.connected"]);
    },
  );

  it("warns once when `path` is combined with a mount path that Express strips", async () => {
    const warnings: string[] = [];
    const server = await serve(
      (w) => express().use("/webhooks/argyle", expressWebhooks(w)) as unknown as App,
      {
        path: "/webhooks/argyle",
        logger: { warn: (message: string) => warnings.push(message) },
      },
    );
    expect((await server.send(valid())).status).toBe(404);
    expect((await server.send(valid())).status).toBe(404);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Express strips the mount path");
  });

  it("with `path`, other requests go to next() untouched", async () => {
    const server = await serve(
      (w) =>
        express()
          .use(expressWebhooks(w))
          .get("/health", (_req, res) => {
            res.send("healthy");
          }) as unknown as App,
      { path: "/webhooks/argyle" },
    );
    const health = await server.send({ method: "GET", headers: {} }, "/health");
    expect([health.status, health.body]).toEqual([200, "healthy"]);
    expect((await server.send(valid(), "/other")).status).toBe(404);
    expect((await server.send(valid(), "/webhooks/argyle?source=argyle")).status).toBe(200);
  });

  const parsers = {
    "express.json() with a verify hook keeping req.rawBody": () =>
      express.json({
        limit: "10mb",
        verify: (req, _res, buf) => {
          (req as unknown as { rawBody?: Buffer }).rawBody = buf;
        },
      }),
    "express.raw()": () => express.raw({ type: "*/*", limit: "10mb" }),
    "express.text() for JSON": () => express.text({ type: "application/json", limit: "10mb" }),
  };
  describe.each(Object.keys(parsers))("%s registered globally before it", (parser) => {
    const build = (w: ReturnType<typeof recordingWebhooks>["webhooks"]) =>
      express()
        .use(parsers[parser as keyof typeof parsers]())
        .use("/webhooks/argyle", expressWebhooks(w)) as unknown as App;
    it("verifies the exact bytes: valid 200, non-ASCII 200, forged 401", async () => {
      const server = await serve(build);
      expect((await server.send(valid())).status).toBe(200);
      expect((await server.send(nonAscii())).status).toBe(200);
      expect((await server.send(forged())).status).toBe(401);
      expect(server.calls).toEqual(["accounts.connected", "accounts.connected"]);
    });
    it("applies our size limit to the body the parser read", async () => {
      const server = await serve(build, { limit: 1024 });
      expect((await server.send(oversized())).status).toBe(413);
      expect(server.calls).toEqual([]);
    });
  });

  it("express.json() that consumed the body without keeping raw bytes answers 500 with the fix, at once", async () => {
    const server = await serve(
      (w) => express().use(express.json()).use("/webhooks/argyle", expressWebhooks(w)) as unknown as App,
    );
    const response = await server.send(valid());
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).detail).toBe(EXPRESS_CONSUMED_HINT);
    expect(server.calls).toEqual([]);
  });
});

const koaVersions = [
  ["koa 3", Koa3],
  ["koa 2", Koa2],
] as const;

describe.each(koaVersions)("%s", (_name, Koa) => {
  const callback = (app: { callback(): unknown }) => app.callback() as App;

  it("at the root with `path`: other paths go to next()", async () => {
    const server = await serve(
      (w) => {
        const app = new Koa();
        app.use(koaWebhooks(w));
        app.use((ctx) => {
          ctx.body = "next";
        });
        return callback(app);
      },
      { path: "/webhooks/argyle" },
    );
    expect((await server.send(valid())).status).toBe(200);
    const other = await server.send({ method: "GET", headers: {} }, "/health");
    expect([other.status, other.body]).toEqual([200, "next"]);
    expect(server.calls).toEqual(["accounts.connected"]);
  });

  it("under @koa/router without `path`", async () => {
    const server = await serve((w) => {
      const app = new Koa();
      const router = new Router();
      router.post("/webhooks/argyle", koaWebhooks(w));
      app.use(router.routes());
      return callback(app);
    });
    expect((await server.send(valid())).status).toBe(200);
    expect((await server.send(forged())).status).toBe(401);
    expect(server.calls).toEqual(["accounts.connected"]);
  });

  const parsers = {
    "@koa/bodyparser": () => koaBodyParser({ jsonLimit: "10mb" }),
    "koa-bodyparser": () => legacyKoaBodyParser({ jsonLimit: "10mb" }),
  };
  describe.each(Object.keys(parsers))("%s before it (ctx.request.rawBody)", (parser) => {
    const build = (w: ReturnType<typeof recordingWebhooks>["webhooks"]) => {
      const app = new Koa();
      app.use(parsers[parser as keyof typeof parsers]());
      app.use(koaWebhooks(w));
      return callback(app);
    };
    it("verifies the exact bytes: valid 200, non-ASCII 200, forged 401", async () => {
      const server = await serve(build, { path: "/webhooks/argyle" });
      expect((await server.send(valid())).status).toBe(200);
      expect((await server.send(nonAscii())).status).toBe(200);
      expect((await server.send(forged())).status).toBe(401);
      expect(server.calls).toEqual(["accounts.connected", "accounts.connected"]);
    });
    it("a JSON type the parser leaves alone (application/vnd.argyle+json) is read from the stream and verified", async () => {
      const server = await serve(build, { path: "/webhooks/argyle" });
      const delivery = valid();
      const response = await server.send({
        ...delivery,
        headers: { ...delivery.headers, "content-type": "application/vnd.argyle+json" },
      });
      expect(response.status).toBe(200);
      expect(server.calls).toEqual(["accounts.connected"]);
    });
    it("applies our size limit to the body the parser read", async () => {
      const server = await serve(build, { path: "/webhooks/argyle", limit: 1024 });
      expect((await server.send(oversized())).status).toBe(413);
      expect(server.calls).toEqual([]);
    });
  });

  it("a parser that consumed the body without keeping it answers 500 with the fix, at once", async () => {
    const server = await serve(
      (w) => {
        const app = new Koa();
        app.use(async (ctx, next) => {
          (ctx.request as { body?: unknown }).body = JSON.parse(
            await getRawBody(ctx.req, { encoding: "utf8" }),
          );
          await next();
        });
        app.use(koaWebhooks(w));
        return callback(app);
      },
      { path: "/webhooks/argyle" },
    );
    const response = await server.send(valid());
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).detail).toBe(KOA_CONSUMED_HINT);
    expect(server.calls).toEqual([]);
  });
});
