import { ArgyleWebhooks, ArgyleWebhooksConfigError } from "@argyle-webhooks/core";
import { describe, expect, it } from "vitest";

describe("construction-time checks", () => {
  it.each([
    [{}, /no secret\. Pass `secret`/],
    [{ secret: undefined }, /undefined \(is the environment variable set\?\)/],
    [{ secret: "" }, /empty or non-string secret/],
    [{ secret: [] }, /empty list/],
    [{ unsigned: true, secret: "x" }, /cannot be combined/],
    [{ secret: "x", validation: "strict" }, /validation must be/],
    [{ secret: "x", limit: "lots" }, /limit/],
    [{ secret: "x", allowedIps: ["not-an-ip"] }, /allowedIps/],
    [{ secret: "x", timeoutMs: 0 }, /timeoutMs/],
    [{ secret: "x", path: "webhooks" }, /path must start/],
    [
      { secret: "x", handlers: { onGigAdded: () => {} } },
      /unknown handler "onGigAdded"; did you mean "onGigsAdded"\?/,
    ],
  ])("rejects %j", (options, message) => {
    expect(() => new ArgyleWebhooks(options as never)).toThrowError(ArgyleWebhooksConfigError);
    expect(() => new ArgyleWebhooks(options as never)).toThrowError(message);
  });

  it("reads limits like body parsers do", () => {
    expect(new ArgyleWebhooks({ secret: "x", limit: "2mb" }).options.limit).toBe(2 * 1024 * 1024);
    expect(new ArgyleWebhooks({ secret: "x" }).options.limit).toBe(1024 * 1024);
  });
});
