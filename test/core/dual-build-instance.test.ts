import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { createDelivery, sendDelivery } from "@argyle-webhooks/testing";
import { afterEach, describe, expect, it } from "vitest";

// The CommonJS builds, as a `require()`-based app (or a CJS dependency) loads them next to ESM code.
const require = createRequire(import.meta.url);
const cjsExpress = require("@argyle-webhooks/express") as typeof import("@argyle-webhooks/express");
const cjsKoa = require("@argyle-webhooks/koa") as typeof import("@argyle-webhooks/koa");
const cjsNode = require("@argyle-webhooks/core/node") as typeof import("@argyle-webhooks/core/node");
const cjsFetch = require("@argyle-webhooks/core/fetch") as typeof import("@argyle-webhooks/core/fetch");
const cjsCore = require("@argyle-webhooks/core") as typeof import("@argyle-webhooks/core");
const express = require("express") as typeof import("express");
const Koa = require("koa") as typeof import("koa");

const secret = "whsec-dual-build";
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/argyle`;
}

/** An instance made by the ESM build, with a handler that records what ran. */
function esmInstance(seen: string[]): ArgyleWebhooks {
  const webhooks = new ArgyleWebhooks({ secret, logger: false });
  webhooks.onGigsUpdated((event) => {
    seen.push(event.event);
  });
  return webhooks;
}

describe("an ArgyleWebhooks instance of the ESM build given to the CommonJS adapters", () => {
  it("the two builds really are two classes, and instanceof holds across them", () => {
    expect(cjsCore.ArgyleWebhooks).not.toBe(ArgyleWebhooks);
    expect(esmInstance([]) instanceof cjsCore.ArgyleWebhooks).toBe(true);
    expect(new cjsCore.ArgyleWebhooks({ secret }) instanceof ArgyleWebhooks).toBe(true);
    expect({ options: {} } instanceof ArgyleWebhooks).toBe(false);
  });

  it.each([
    [
      "express",
      (w: ArgyleWebhooks) => {
        const app = express();
        app.use("/webhooks/argyle", cjsExpress.argyleWebhooks(w));
        return app;
      },
    ],
    [
      "koa",
      (w: ArgyleWebhooks) => {
        const app = new Koa();
        app.use(cjsKoa.argyleWebhooks(w));
        return app.callback();
      },
    ],
    ["node:http", (w: ArgyleWebhooks) => cjsNode.createNodeHandler(w)],
  ] as const)("%s accepts it and runs its handlers", async (_name, mount) => {
    const seen: string[] = [];
    const url = await listen(mount(esmInstance(seen)) as Parameters<typeof createServer>[1]);
    const result = await sendDelivery(url, createDelivery("gigs.updated", { secret }));
    expect(result.status).toBe(200);
    expect(seen).toEqual(["gigs.updated"]);
  });

  it("the Fetch handler accepts it too", async () => {
    const seen: string[] = [];
    const handler = cjsFetch.createFetchHandler(esmInstance(seen));
    const delivery = createDelivery("gigs.updated", { secret });
    const response = await handler(
      new Request("http://localhost/webhooks/argyle", {
        method: "POST",
        headers: delivery.headers as Record<string, string>,
        body: delivery.body,
      }),
    );
    expect(response.status).toBe(200);
    expect(seen).toEqual(["gigs.updated"]);
  });
});
