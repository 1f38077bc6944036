import { ArgyleWebhooks, ArgyleWebhooksConfigError } from "@argyle-webhooks/core";
import { describe, expect, it } from "vitest";

describe("construction-time checks", () => {
  it.each([
    [{}, /no secret\. Pass `secret`/],
    [{ secret: undefined }, /undefined \(is the environment variable set\?\)/],
    [{ secret: "" }, /secret that is empty/],
    [{ secret: [] }, /empty list/],
    [{ unsigned: true, secret: "xy" }, /cannot be combined/],
    [{ secret: "xy", validation: "strict" }, /validation must be/],
    [{ secret: "xy", limit: "lots" }, /limit/],
    [{ secret: "xy", allowedIps: ["not-an-ip"] }, /allowedIps/],
    [{ secret: "xy", timeoutMs: 0 }, /timeoutMs/],
    [{ secret: "xy", path: "webhooks" }, /path must start/],
    [{ secret: "xy", inbox: {} }, /inbox must be an inbox from createInbox\(\)/],
    [
      { secret: "xy", inbox: { store: async () => "stored" }, dedupe: true },
      /dedupe is not needed with inbox/,
    ],
    [{ secret: "xy", inbx: { store: async () => "stored" } }, /did you mean "inbox"\?/],
    [
      { secret: "xy", handlers: { onGigAdded: () => {} } },
      /unknown handler "onGigAdded"; did you mean "onGigsAdded"\?/,
    ],
  ])("rejects %j", (options, message) => {
    expect(() => new ArgyleWebhooks(options as never)).toThrowError(ArgyleWebhooksConfigError);
    expect(() => new ArgyleWebhooks(options as never)).toThrowError(message);
  });

  it("reads limits like body parsers do", () => {
    expect(new ArgyleWebhooks({ secret: "xy", limit: "2mb" }).options.limit).toBe(2 * 1024 * 1024);
    expect(new ArgyleWebhooks({ secret: "xy" }).options.limit).toBe(1024 * 1024);
  });
});
