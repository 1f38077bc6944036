// Issue 20 item 4 and issue 19: one seams object per request, the client address read only when needed, and one
// factory naming scheme (the old names still work).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as fetchAdapter from "@argyle-webhooks/core/fetch";
import { createFetchHandler } from "@argyle-webhooks/core/fetch";
import * as nodeAdapter from "@argyle-webhooks/core/node";
import {
  alreadyReadBody,
  NodeRequestSeams,
  nodeSeams,
  prereadBody,
  writeNodeResponse,
} from "@argyle-webhooks/core/node";
import * as expressAdapter from "@argyle-webhooks/express";
import * as koaAdapter from "@argyle-webhooks/koa";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";

const SECRET = "adapter-seams-secret";
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/argyle`;
}

function deliver(url: string, body = signedDelivery("accounts.connected", SECRET)) {
  return fetch(url, { method: "POST", headers: body.headers, body: body.body });
}

describe("the Fetch handler asks getRemoteAddress only when the address is needed, at most once", () => {
  const request = (delivery = signedDelivery("accounts.connected", SECRET)) =>
    new Request("http://localhost/webhooks/argyle", {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });

  it("is not called for an accepted delivery without allowedIps", async () => {
    let calls = 0;
    const handler = createFetchHandler({ secret: SECRET }, { getRemoteAddress: () => `10.0.0.${++calls}` });
    expect((await handler(request())).status).toBe(200);
    expect(calls).toBe(0);
  });

  it("is called once with allowedIps, and its answer decides", async () => {
    let calls = 0;
    const handler = createFetchHandler(
      { secret: SECRET, allowedIps: ["10.0.0.0/8"], logger: false },
      { getRemoteAddress: () => (++calls === 1 ? "10.1.2.3" : "192.0.2.1") },
    );
    expect((await handler(request())).status).toBe(200);
    expect(calls).toBe(1);
  });

  it("is read for a refusal's log line, once, and a throwing getRemoteAddress means an unknown address", async () => {
    const lines: unknown[] = [];
    const logger = { warn: (_: string, details?: unknown) => void lines.push(details), error: () => {} };
    let calls = 0;
    const forged = { ...signedDelivery("accounts.connected", "other-secret") };
    const handler = createFetchHandler(
      { secret: SECRET, logger },
      { getRemoteAddress: () => `10.0.0.${++calls}` },
    );
    expect((await handler(request(forged))).status).toBe(401);
    expect(calls).toBe(1);
    expect(lines).toEqual([{ remoteAddress: "10.0.0.1" }]);
    const throwing = createFetchHandler(
      { secret: SECRET, allowedIps: ["10.0.0.0/8"], logger: false },
      {
        getRemoteAddress: () => {
          throw new Error("no address here");
        },
      },
    );
    expect((await throwing(request())).status).toBe(403);
  });
});

describe("Express reads req.ip only when the address is needed", () => {
  it("does not run the trust proxy function for an accepted delivery; allowedIps does", async () => {
    let trusted = 0;
    const app = (allowedIps?: string[]) =>
      express()
        .set("trust proxy", () => {
          trusted++;
          return false;
        })
        .use("/webhooks/argyle", expressAdapter.argyleWebhooks({ secret: SECRET, allowedIps }));
    // With a forwarded hop, computing req.ip asks the trust function about it.
    const delivery = signedDelivery("accounts.connected", SECRET);
    const send = async (url: string) =>
      fetch(url, {
        method: "POST",
        headers: { ...delivery.headers, "x-forwarded-for": "203.0.113.9" },
        body: delivery.body,
      });
    expect((await send(await listen(app()))).status).toBe(200);
    expect(trusted).toBe(0);
    expect((await send(await listen(app(["127.0.0.1"])))).status).toBe(200);
    expect(trusted).toBeGreaterThan(0);
  });
});

describe("one factory naming scheme, old names kept", () => {
  it("every adapter entry exports argyleWebhooks; createNodeHandler/createFetchHandler and prereadBody are aliases", () => {
    for (const entry of [expressAdapter, koaAdapter, nodeAdapter, fetchAdapter])
      expect(typeof entry.argyleWebhooks).toBe("function");
    expect(nodeAdapter.createNodeHandler).toBe(nodeAdapter.argyleWebhooks);
    expect(fetchAdapter.createFetchHandler).toBe(fetchAdapter.argyleWebhooks);
    expect(prereadBody).toBe(alreadyReadBody);
    expect(alreadyReadBody("{}", 1)).toEqual({ ok: false, reason: "too-large" });
    expect(alreadyReadBody("{}", 2)).toEqual({ ok: true, body: Buffer.from("{}") });
  });

  it("the deprecated nodeSeams() still serves a node:http request with the address it is given", async () => {
    const { ArgyleWebhooks } = expressAdapter;
    const instance = new ArgyleWebhooks({ secret: SECRET, allowedIps: ["192.0.2.7"], logger: false });
    const url = await listen(async (req, res) => {
      writeNodeResponse(res, await instance.handle(nodeSeams(req, "192.0.2.7")));
    });
    expect((await deliver(url)).status).toBe(200);
  });

  it("a NodeRequestSeams subclass is an adapter: its bodyReadEarlier and remoteAddress are used", async () => {
    const { ArgyleWebhooks } = expressAdapter;
    const instance = new ArgyleWebhooks({ secret: SECRET, allowedIps: ["192.0.2.8"], logger: false });
    const delivery = signedDelivery("accounts.connected", SECRET);
    class GivenBody extends NodeRequestSeams {
      override get remoteAddress() {
        return "192.0.2.8";
      }
      override bodyReadEarlier(limit: number) {
        return alreadyReadBody(delivery.body, limit);
      }
    }
    const url = await listen(async (req, res) => {
      req.resume(); // the body the client sends is not read: the subclass gave it
      writeNodeResponse(res, await instance.handle(new GivenBody(req)));
    });
    const response = await fetch(url, {
      method: "POST",
      headers: delivery.headers,
      body: "not the signed body",
    });
    expect(response.status).toBe(200);
  });
});
