import { ArgyleWebhooks, createMemoryDedupeStore, silentLogger } from "@argyle-webhooks/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  type RunningServer,
  startAdapterServer,
  WEBHOOK_PATH,
} from "../../bench/robustness/adapter-servers.js";
import { json, signedDelivery } from "../helpers/deliveries.js";
import { sendRaw } from "../helpers/send-raw.js";

const SECRET = "dedupe-secret";
let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("duplicate guard over HTTP", () => {
  for (const adapter of ["express 5", "koa 3"] as const) {
    it(`${adapter}: a redelivery is answered 200 without running handlers; a forged copy is still 401`, async () => {
      const names: string[] = [];
      const webhooks = new ArgyleWebhooks({
        secret: SECRET,
        logger: silentLogger,
        dedupe: createMemoryDedupeStore(),
      });
      webhooks.onAny((event) => {
        names.push(String(event.name));
      });
      const server = await startAdapterServer(adapter, webhooks);
      running = server;
      const first = signedDelivery("accounts.connected", SECRET, (m) => {
        m.name = "first";
      });
      const send = (d: { body: string; headers: Record<string, string> }) =>
        sendRaw(server.port, WEBHOOK_PATH, { method: "POST", ...d });

      expect((await send(first)).status).toBe(200);
      const again = await send(first);
      expect(again.status).toBe(200);
      expect(json(again.body)).toEqual({ ok: true, duplicate: true });
      // The guard runs after the signature check: a forged copy learns nothing about what was seen.
      const forged = await send({
        body: first.body,
        headers: { ...first.headers, "x-argyle-signature": "0".repeat(128) },
      });
      expect(forged.status).toBe(401);
      const second = signedDelivery("accounts.connected", SECRET, (m) => {
        m.name = "second";
      });
      expect((await send(second)).status).toBe(200);
      expect(names).toEqual(["first", "second"]);
    });
  }
});
