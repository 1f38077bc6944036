import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { ArgyleWebhooks, type ArgyleWebhooksLogger } from "@argyle-webhooks/core";
import { describe, expect, it } from "vitest";
import { startAdapterServer, WEBHOOK_PATH } from "../../bench/robustness/adapter-servers.js";
import { signedDelivery } from "../helpers/deliveries.js";
import { type RawRequest, sendRaw } from "../helpers/send-raw.js";

const SECRET = "log-secret-9f8e7d6c";

function capturingLogger(lines: string[]): ArgyleWebhooksLogger {
  const record = (level: string) => (message: string, details?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${details ? inspect(details, { depth: 10 }) : ""}`);
  };
  return { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
}

// Both adapters at the same time (each its own server and log): the stalled request's 300 ms overlap.
describe.concurrent("secrets stay out of logs and answers", () => {
  for (const adapter of ["express 5", "koa 3"] as const) {
    it(`${adapter}: no log line or response reveals the secret or the signature the body should have had`, async () => {
      const lines: string[] = [];
      const webhooks = new ArgyleWebhooks({
        secret: SECRET,
        logger: capturingLogger(lines),
        limit: 4096,
        readTimeoutMs: 300,
        validation: "reject",
      });
      webhooks.onAccountsConnected((event) => {
        if (event.name === "throws") throw new Error("handler failed");
      });
      const running = await startAdapterServer(adapter, webhooks);
      try {
        const valid = signedDelivery("accounts.connected", SECRET);
        const expected = (body: string) => createHmac("sha512", SECRET).update(body).digest("hex");
        const tampered = `${valid.body} `;
        const notJson = "not json";
        const invalid = signedDelivery("accounts.connected", SECRET, (m) => {
          m.data = { account: 42 };
        });
        const requests: RawRequest[] = [
          { method: "POST", headers: valid.headers, body: tampered }, // forged: 401
          { method: "POST", headers: { "content-type": "application/json" }, body: valid.body }, // missing: 401
          { method: "POST", headers: { ...valid.headers, "x-argyle-signature": "zz" }, body: valid.body }, // malformed: 401
          {
            method: "POST",
            headers: { ...valid.headers, "x-argyle-signature": expected(notJson) },
            body: notJson,
          }, // 400
          { method: "POST", headers: invalid.headers, body: invalid.body }, // 422
          { method: "POST", headers: valid.headers, body: "x".repeat(5000) }, // 413
          { method: "POST", headers: { ...valid.headers, "content-type": "text/plain" }, body: valid.body }, // 415
          { method: "GET", headers: {} }, // 405
          { method: "POST", ...signedDelivery("accounts.connected", SECRET, (m) => (m.name = "throws")) }, // 500
          { method: "POST", headers: valid.headers, body: valid.body, stallAfterBytes: 10 }, // 408
        ];
        const answers = await Promise.all(requests.map((r) => sendRaw(running.port, WEBHOOK_PATH, r)));
        expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 400, 422, 413, 415, 405, 500, 408]);
        expect(lines.some((l) => l.startsWith("warn") && l.includes("401"))).toBe(true);
        const secrets = [SECRET, expected(tampered), expected(valid.body)];
        for (const text of [...lines, ...answers.map((a) => a.body)]) {
          for (const s of secrets) expect(text).not.toContain(s);
        }
        // Payloads are personal data: no log line repeats a request body.
        for (const line of lines)
          for (const body of [valid.body, invalid.body]) expect(line).not.toContain(body);
      } finally {
        await running.close();
      }
    });
  }
});
