// Issue 12 findings that need real sockets or a real process: 3 (a rejecting logger must not exit the process),
// 6 (stalled bodies are capped by pendingLimit), 7 (proxy advice a direct client cannot spoof), 11 (100-continue).
import { spawn } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { ARGYLE_WEBHOOK_IPS, silentLogger } from "@argyle-webhooks/core";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import express from "express";
import Koa from "koa";
import { describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";

const SECRET = "http-review-secret";
const PATH = "/webhooks/argyle";
const ARGYLE_IP = ARGYLE_WEBHOOK_IPS[0] as string;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

/** POSTs from a chosen loopback source address (the whole 127/8 is local on Linux). */
function post(
  port: number,
  body: string,
  headers: Record<string, string>,
  localAddress = "127.0.0.1",
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: PATH, method: "POST", headers, localAddress },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", reject);
    req.end(body);
  });
}

describe("finding 3: a logger returning rejected promises does not crash the process", () => {
  it("a forged request, then a valid one, are both answered by the same process", async () => {
    const program = `
      import { createServer } from "node:http";
      import { createNodeHandler } from "@argyle-webhooks/core/node";
      const failing = async () => { throw new Error("log sink down"); };
      const handler = createNodeHandler({ secret: ${JSON.stringify(SECRET)}, path: "/webhooks/argyle",
        logger: { debug: failing, info: failing, warn: failing, error: failing } });
      const server = createServer(handler).listen(0, "127.0.0.1", () => console.log(server.address().port));
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", program], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
        child.once("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      const forged = signedDelivery("accounts.connected", "not-the-secret");
      expect((await post(port, forged.body, forged.headers)).status).toBe(401);
      await new Promise((r) => setTimeout(r, 100));
      expect(child.exitCode).toBeNull();
      const valid = signedDelivery("accounts.connected", SECRET);
      expect((await post(port, valid.body, valid.headers)).status).toBe(200);
    } finally {
      child.kill();
    }
  });
});

describe("finding 6: stalled bodies are capped by pendingLimit", () => {
  const capped = { secret: SECRET, logger: silentLogger, limit: "64kb", pendingLimit: 150_000 };
  const servers: [string, () => Server][] = [
    ["node:http", () => createServer(createNodeHandler(capped))],
    [
      "Express 5",
      () => {
        const app = express();
        app.use(PATH, expressWebhooks(capped));
        return createServer(app);
      },
    ],
    [
      "Koa 3",
      () => {
        const app = new Koa();
        app.use(koaWebhooks({ ...capped, path: PATH }));
        return createServer(app.callback());
      },
    ],
  ];
  // The three servers at the same time (each its own port and stalled sockets): their 100 ms pauses overlap.
  it.concurrent.each(servers)(
    "%s: past the cap a body gets 503 with Retry-After at once; a valid delivery still gets 200",
    async (_name, make) => {
      const server = make();
      const port = await listen(server);
      const stalled = [];
      try {
        const d = signedDelivery("accounts.connected", SECRET);
        const answers: Promise<string>[] = [];
        for (let i = 0; i < 3; i++) {
          const socket = connect(port, "127.0.0.1");
          stalled.push(socket);
          answers.push(
            new Promise((resolve) => {
              let text = "";
              socket.on("data", (c) => {
                text += c;
                if (text.includes("\r\n\r\n")) resolve(text);
              });
              socket.on("close", () => resolve(text));
              socket.on("error", () => resolve(text));
            }),
          );
          socket.write(
            `POST ${PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-argyle-signature: ${"ab".repeat(64)}\r\ncontent-length: 65000\r\n\r\n`,
          );
          socket.write(Buffer.alloc(60_000, 0x20));
          await new Promise((r) => setTimeout(r, 100));
        }
        const third = await Promise.race([
          answers[2],
          new Promise((r) => setTimeout(() => r("no answer"), 2000)),
        ]);
        expect(String(third)).toMatch(/^HTTP\/1\.1 503/);
        expect(String(third).toLowerCase()).toContain("retry-after: 5");
        // Two bodies still hold 120,000 bytes: a real delivery fits in what is left.
        expect((await post(port, d.body, d.headers)).status).toBe(200);
      } finally {
        for (const s of stalled) s.destroy();
        await close(server);
      }
    },
  );
});

describe("finding 7: proxy settings that a client reaching the port directly cannot spoof", () => {
  // 127.0.0.2 plays the reverse proxy, 127.0.0.3 an attacker who reaches the port directly.
  const PROXY = "127.0.0.2";
  const ATTACKER = "127.0.0.3";
  const options = { secret: SECRET, logger: silentLogger, allowedIps: ARGYLE_WEBHOOK_IPS };

  async function statuses(server: Server) {
    const port = await listen(server);
    try {
      const d = signedDelivery("accounts.connected", SECRET);
      const spoofed = { ...d.headers, "x-forwarded-for": ARGYLE_IP };
      return {
        viaProxy: (await post(port, d.body, spoofed, PROXY)).status,
        directSpoofed: (await post(port, d.body, spoofed, ATTACKER)).status,
      };
    } finally {
      await close(server);
    }
  }

  it("Express: a hop count is spoofable; `trust proxy` set to the proxy's address is not", async () => {
    const hops = express();
    hops.set("trust proxy", 1);
    hops.use(PATH, expressWebhooks(options));
    expect(await statuses(createServer(hops))).toEqual({ viaProxy: 200, directSpoofed: 200 });

    const byAddress = express();
    byAddress.set("trust proxy", [PROXY]);
    byAddress.use(PATH, expressWebhooks(options));
    expect(await statuses(createServer(byAddress))).toEqual({ viaProxy: 200, directSpoofed: 403 });
  });

  it("Koa: maxIpsCount is spoofable; dropping X-Forwarded-For from peers that are not your proxy is not", async () => {
    const hops = new Koa();
    hops.proxy = true;
    hops.maxIpsCount = 1;
    hops.use(koaWebhooks({ ...options, path: PATH }));
    expect(await statuses(createServer(hops.callback()))).toEqual({ viaProxy: 200, directSpoofed: 200 });

    const trusted = new Set([PROXY]);
    const byAddress = new Koa();
    byAddress.proxy = true;
    byAddress.use((ctx, next) => {
      if (!trusted.has(ctx.req.socket.remoteAddress ?? "")) delete ctx.req.headers["x-forwarded-for"];
      return next();
    });
    byAddress.use(koaWebhooks({ ...options, path: PATH }));
    expect(await statuses(createServer(byAddress.callback()))).toEqual({ viaProxy: 200, directSpoofed: 403 });
  });
});

describe("finding 11: Expect: 100-continue", () => {
  it("Node answers 100 Continue first; the refusal or the 200 follows, nothing hangs", async () => {
    const server = createServer(createNodeHandler({ secret: SECRET, logger: silentLogger, path: PATH }));
    const port = await listen(server);
    try {
      const d = signedDelivery("accounts.connected", SECRET);
      const forged = signedDelivery("accounts.connected", "other-secret");
      expect((await post(port, d.body, { ...d.headers, expect: "100-continue" })).status).toBe(200);
      expect((await post(port, forged.body, { ...forged.headers, expect: "100-continue" })).status).toBe(401);
      // Byte by byte: the client waits for 100 Continue, sends the forged body, and gets the 401 on the same socket.
      const socket = connect(port, "127.0.0.1");
      let text = "";
      const seen = (needle: string) =>
        new Promise<void>((resolve, reject) => {
          const check = () => text.includes(needle) && resolve();
          socket.on("data", (c) => {
            text += c;
            check();
          });
          socket.once("error", reject);
          check();
        });
      socket.write(
        `POST ${PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nexpect: 100-continue\r\nx-argyle-signature: ${forged.headers["x-argyle-signature"]}\r\ncontent-length: ${Buffer.byteLength(forged.body)}\r\n\r\n`,
      );
      await seen("HTTP/1.1 100 Continue");
      socket.write(forged.body);
      await seen("HTTP/1.1 401");
      socket.destroy();
    } finally {
      await close(server);
    }
  });
});
