import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ARGYLE_WEBHOOK_IPS, silentLogger } from "@argyle-webhooks/core";
import { argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import express from "express";
import Koa from "koa";
import { describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";
import { sendRaw } from "../helpers/send-raw.js";

const SECRET = "proxy-secret";
const PATH = "/webhooks/argyle";
const ARGYLE_IP = ARGYLE_WEBHOOK_IPS[0] as string;

async function statusesFrom(server: Server): Promise<{ forwardedFromArgyle: number; direct: number }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const d = signedDelivery("accounts.connected", SECRET);
    const forwarded = await sendRaw(port, PATH, {
      method: "POST",
      body: d.body,
      headers: { ...d.headers, "x-forwarded-for": ARGYLE_IP },
    });
    const direct = await sendRaw(port, PATH, { method: "POST", body: d.body, headers: d.headers });
    return { forwardedFromArgyle: forwarded.status, direct: direct.status };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

const options = { secret: SECRET, logger: silentLogger, allowedIps: ARGYLE_WEBHOOK_IPS };

describe("IP allow-listing behind a proxy", () => {
  it("Express: X-Forwarded-For is ignored (spoofing refused) unless `trust proxy` names the proxy", async () => {
    const untrusting = express();
    untrusting.use(PATH, expressWebhooks(options));
    expect(await statusesFrom(createServer(untrusting))).toEqual({ forwardedFromArgyle: 403, direct: 403 });

    const behindProxy = express();
    behindProxy.set("trust proxy", "loopback");
    behindProxy.use(PATH, expressWebhooks(options));
    expect(await statusesFrom(createServer(behindProxy))).toEqual({ forwardedFromArgyle: 200, direct: 403 });
  });

  it("Koa: X-Forwarded-For is ignored unless app.proxy is set", async () => {
    const untrusting = new Koa();
    untrusting.use(koaWebhooks({ ...options, path: PATH }));
    expect(await statusesFrom(createServer(untrusting.callback()))).toEqual({
      forwardedFromArgyle: 403,
      direct: 403,
    });

    const behindProxy = new Koa();
    behindProxy.proxy = true;
    behindProxy.use(koaWebhooks({ ...options, path: PATH }));
    expect(await statusesFrom(createServer(behindProxy.callback()))).toEqual({
      forwardedFromArgyle: 200,
      direct: 403,
    });
  });
});
