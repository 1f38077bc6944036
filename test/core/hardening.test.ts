import { inspect } from "node:util";
import { ArgyleWebhooks, ArgyleWebhooksConfigError, signArgylePayload } from "@argyle-webhooks/core";
import { describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";

const SECRET = "hardening-secret-value";
const gigs = signedDelivery("gigs.partially_synced", SECRET);

describe("hardening", () => {
  it("a logger that throws neither hangs the delivery nor escapes as an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const throwing = () => {
        throw new Error("logger down");
      };
      const webhooks = new ArgyleWebhooks({
        secret: SECRET,
        logger: { debug: throwing, info: throwing, warn: throwing, error: throwing },
      });
      webhooks.onGigsPartiallySynced(async () => {
        throw new Error("handler failed");
      });
      expect((await webhooks.receive({ rawBody: gigs.body, headers: gigs.headers })).status).toBe(500);
      expect(
        (
          await webhooks.receive({
            rawBody: gigs.body,
            headers: { ...gigs.headers, "x-argyle-signature": "0".repeat(128) },
          })
        ).status,
      ).toBe(401);
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("never shows secrets when the instance or its options are serialised or inspected", () => {
    const webhooks = new ArgyleWebhooks({
      secret: SECRET,
      secrets: { sub: "per-subscription-secret" },
      logger: false,
    });
    for (const text of [
      JSON.stringify(webhooks),
      inspect(webhooks),
      JSON.stringify(webhooks.options),
      inspect(webhooks.options),
    ]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("per-subscription-secret");
    }
  });

  it("an event named like an internal listener key reaches no special handler", async () => {
    const calls: string[] = [];
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
    webhooks.onError(() => calls.push("onError"));
    webhooks.onInvalid(() => calls.push("onInvalid"));
    webhooks.onUnknown((e) => calls.push(`onUnknown:${e.event}`));
    webhooks.onAny((e) => calls.push(`onAny:${e.event}`));
    webhooks.on("gigs.*", () => calls.push("gigs.*"));
    for (const event of ["error", "*", "unknown", "invalid", "gigs.*"]) {
      const body = JSON.stringify({ event, name: "x", data: {} });
      const response = await webhooks.receive({
        rawBody: body,
        headers: {
          "content-type": "application/json",
          "x-argyle-signature": signArgylePayload(body, SECRET),
        },
      });
      expect(response.status).toBe(200);
    }
    expect(calls).toEqual(
      ["error", "*", "unknown", "invalid", "gigs.*"].flatMap((e) => [`onUnknown:${e}`, `onAny:${e}`]),
    );
  });

  it.each([
    [{ secret: "xy", allowedIps: ["1.2.3.4/"] }, /allowedIps/],
    [{ secret: "xy", allowedIps: ["10.0.0.0/0x8"] }, /allowedIps/],
    [{ secret: "xy", unsigned: "yes" }, /unsigned must be true or false/],
    [{ unsigned: "true" }, /unsigned must be true or false/],
    [{ secret: "xy", timeoutMs: 2 ** 31 }, /timeoutMs/],
    [{ secret: "xy", readTimeoutMs: 1e12 }, /readTimeoutMs/],
    [{ secret: "xy", handlers: { onAny: "log" } }, /handlers.onAny must be a function/],
    [{ secret: "xy", handlers: { onGigsAdded: {} } }, /handlers.onGigsAdded must be a function/],
  ])("refuses the silent bad setup %j at construction", (options, message) => {
    expect(() => new ArgyleWebhooks(options as never)).toThrowError(ArgyleWebhooksConfigError);
    expect(() => new ArgyleWebhooks(options as never)).toThrowError(message);
  });

  it("receive() takes the body as ArrayBuffer or any typed-array view, and answers 500 (not a client error) for anything else", async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
    const bytes = Buffer.from(gigs.body);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect((await webhooks.receive({ rawBody: arrayBuffer as never, headers: gigs.headers })).status).toBe(
      200,
    );
    expect(
      (await webhooks.receive({ rawBody: new DataView(arrayBuffer) as never, headers: gigs.headers })).status,
    ).toBe(200);
    const wrong = await webhooks.receive({ rawBody: { not: "bytes" } as never, headers: gigs.headers });
    expect(wrong.status).toBe(500);
    expect(wrong.body).toContain("receive() needs rawBody");
  });
});
