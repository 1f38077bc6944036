// Issue 12 (adversarial review) and issue 13 item 3: one test per finding, each failing on the code before the fix.
import {
  ArgyleWebhooks,
  ArgyleWebhooksConfigError,
  type ArgyleWebhooksLogger,
  consoleLogger,
  signArgylePayload,
  verifyArgyleSignature,
} from "@argyle-webhooks/core";
import { createFetchHandler } from "@argyle-webhooks/core/fetch";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { verifyArgyleSignatureWeb } from "@argyle-webhooks/core/web-crypto";
import { argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, signedDelivery } from "../helpers/deliveries.js";

const SECRET = "review-secret";

function capture() {
  const lines: { level: string; message: string; details?: Record<string, unknown> }[] = [];
  const logger: ArgyleWebhooksLogger = {};
  for (const level of ["debug", "info", "warn", "error"] as const)
    logger[level] = (message, details) => void lines.push({ level, message, details });
  return { logger, lines };
}

function signed(message: Record<string, unknown>, secret: string) {
  const body = JSON.stringify(message);
  return {
    rawBody: body,
    headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, secret) },
  };
}

afterEach(() => vi.restoreAllMocks());

describe("finding 1: with `secrets`, nothing from the body is parsed before a signature matches", () => {
  const secrets = { "payroll-a": "secret-of-a", "payroll-b": "secret-of-b" };

  it("a forged body is never UTF-8-decoded into JSON.parse, whatever its name", async () => {
    const webhooks = new ArgyleWebhooks({ secrets, logger: false });
    await new Promise((r) => setTimeout(r, 100)); // the validators warm up in the background
    const parse = vi.spyOn(JSON, "parse");
    for (const name of ["payroll-a", "nobody"]) {
      const forged = {
        rawBody: JSON.stringify({ event: "accounts.connected", name, data: { account: "x" } }),
        headers: { "content-type": "application/json", "x-argyle-signature": "ab".repeat(64) },
      };
      expect((await webhooks.receive(forged)).status).toBe(401);
    }
    expect(parse.mock.calls.filter(([text]) => String(text).includes("accounts.connected"))).toEqual([]);
  });

  it("the matching secret must still belong to the subscription the verified message names", async () => {
    const webhooks = new ArgyleWebhooks({ secrets, logger: false });
    const seen: (number | undefined)[] = [];
    webhooks.onAny((_event, context) => void seen.push(context.secretIndex));
    const message = { event: "accounts.connected", data: { account: "acc" } };
    expect((await webhooks.receive(signed({ ...message, name: "payroll-b" }, "secret-of-b"))).status).toBe(
      200,
    );
    // Signed with a's secret but claiming b: refused, as before the change.
    expect((await webhooks.receive(signed({ ...message, name: "payroll-b" }, "secret-of-a"))).status).toBe(
      401,
    );
    // A name with no entry and no `secret` fallback: any configured secret (index among all secrets).
    expect((await webhooks.receive(signed({ ...message, name: "other" }, "secret-of-b"))).status).toBe(200);
    expect(seen).toEqual([0, 1]);
    const withFallback = new ArgyleWebhooks({ secrets, secret: "fallback", logger: false });
    expect((await withFallback.receive(signed({ ...message, name: "other" }, "secret-of-a"))).status).toBe(
      401,
    );
    expect((await withFallback.receive(signed({ ...message, name: "other" }, "fallback"))).status).toBe(200);
  });
});

describe("finding 2: the exported verifiers refuse secrets anyone could compute", () => {
  const body = '{"event":"x"}';
  it.each([[""], ["   "], ["\n"], [[]], [["ok-secret", ""]], [undefined], [42]])(
    "refuses %j",
    async (secret) => {
      const signature = signArgylePayload(body, typeof secret === "string" ? secret : "");
      expect(() => verifyArgyleSignature(body, signature, secret as never)).toThrowError(TypeError);
      await expect(verifyArgyleSignatureWeb(body, signature, secret as never)).rejects.toThrowError(
        TypeError,
      );
    },
  );
  it("answers false, never throws, for non-string signatures", async () => {
    for (const signature of [42, {}, [42], null, undefined, ["zz"]]) {
      expect(verifyArgyleSignature(body, signature as never, SECRET)).toBe(false);
      expect(await verifyArgyleSignatureWeb(body, signature as never, SECRET)).toBe(false);
    }
  });
});

describe("finding 3: failing reporters never fail a delivery (the process-level test is in test/robustness)", () => {
  it("a logger, onError and onInvalid that reject, and a forget() that rejects: answered, no unhandled rejection", async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      const failing = () => Promise.reject(new Error("logger down"));
      const webhooks = new ArgyleWebhooks({
        secret: SECRET,
        logger: { debug: failing, info: failing, warn: failing, error: failing },
        validation: "warn",
        dedupe: { seen: () => false, forget: () => Promise.reject(new Error("store down")) },
        handlers: {
          onAccountsConnected: () => Promise.reject(new Error("handler failed")),
          onInvalid: () => Promise.reject(new Error("onInvalid failed")),
          onError: () => Promise.reject(new Error("onError failed")),
        },
      });
      const forged = { ...signedDelivery("accounts.connected", "wrong-secret") };
      expect((await webhooks.receive({ rawBody: forged.body, headers: forged.headers })).status).toBe(401);
      const invalid = signedDelivery("accounts.connected", SECRET, (m) => {
        (m.data as Record<string, unknown>).account = 42;
      });
      expect((await webhooks.receive({ rawBody: invalid.body, headers: invalid.headers })).status).toBe(500);
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });
});

describe("finding 4: a dedupe store that never answers", () => {
  it("is bounded by timeoutMs: 503 with Retry-After, handlers not run, and a late 'recorded' is forgotten", async () => {
    let settle: (seen: boolean) => void = () => {};
    const forgotten: string[] = [];
    const ran: string[] = [];
    const webhooks = new ArgyleWebhooks({
      secret: SECRET,
      logger: false,
      timeoutMs: 100,
      dedupe: {
        seen: () => new Promise<boolean>((r) => (settle = r)),
        forget: (key) => void forgotten.push(key),
      },
      handlers: { onAccountsConnected: (e) => void ran.push(e.event) },
    });
    const d = signedDelivery("accounts.connected", SECRET);
    const response = await webhooks.receive({ rawBody: d.body, headers: d.headers });
    expect(response.status).toBe(503);
    expect(response.headers["retry-after"]).toBe("5");
    expect(ran).toEqual([]);
    settle(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(forgotten).toHaveLength(1);
  });
  it("a store that throws or rejects: 503, not a 200 that would lose the event", async () => {
    for (const seen of [
      () => {
        throw new Error("down");
      },
      () => Promise.reject(new Error("down")),
    ]) {
      const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false, dedupe: { seen } });
      const d = signedDelivery("accounts.connected", SECRET);
      expect((await webhooks.receive({ rawBody: d.body, headers: d.headers })).status).toBe(503);
    }
  });
});

describe("finding 5: a thrown value String() cannot convert", () => {
  it("reaches onError and releases the dedupe key, so the redelivery runs again", async () => {
    const reported: unknown[] = [];
    let runs = 0;
    const webhooks = new ArgyleWebhooks({
      secret: SECRET,
      logger: false,
      dedupe: true,
      handlers: {
        onAccountsConnected: () => {
          runs++;
          throw Object.create(null);
        },
        onError: (error) => void reported.push(error.errors[0]),
      },
    });
    const d = signedDelivery("accounts.connected", SECRET);
    expect((await webhooks.receive({ rawBody: d.body, headers: d.headers })).status).toBe(500);
    expect((await webhooks.receive({ rawBody: d.body, headers: d.headers })).status).toBe(500);
    await new Promise((r) => setTimeout(r, 10));
    expect(runs).toBe(2);
    expect(reported).toHaveLength(2);
  });
  it("is logged when there is no onError", async () => {
    const { logger, lines } = capture();
    const webhooks = new ArgyleWebhooks({
      secret: SECRET,
      logger,
      handlers: {
        onAccountsConnected: () => {
          throw Object.create(null);
        },
      },
    });
    const d = signedDelivery("accounts.connected", SECRET);
    await webhooks.receive({ rawBody: d.body, headers: d.headers });
    expect(
      lines.some((l) => l.level === "error" && /1 handler failed for accounts\.connected/.test(l.message)),
    ).toBe(true);
  });
});

describe("finding 8: the default logger prints no stack trace and no handler message", () => {
  it("a failing handler is logged with its error class only", async () => {
    const printed: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
    const webhooks = new ArgyleWebhooks({
      secret: SECRET,
      handlers: {
        onAccountsConnected: () => {
          throw new RangeError("ssn 123-45-6789 is out of range");
        },
      },
    });
    expect(webhooks.options.logger).not.toBe(consoleLogger); // wrapped, but consoleLogger underneath
    const d = signedDelivery("accounts.connected", SECRET);
    await webhooks.receive({ rawBody: d.body, headers: d.headers });
    const text = printed.join("\n");
    expect(text).toContain("1 handler failed for accounts.connected");
    expect(text).toContain("[RangeError]");
    expect(text).not.toContain("123-45-6789");
    expect(text).not.toMatch(/\n\s+at /);
  });
});

describe("finding 8 (continued): thrown non-errors and schema errors in the default logger", () => {
  it("a thrown string is not printed; a schema error keeps its path and keyword", async () => {
    const printed: string[] = [];
    const keep = (...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    };
    vi.spyOn(console, "error").mockImplementation(keep);
    vi.spyOn(console, "warn").mockImplementation(keep);
    const webhooks = new ArgyleWebhooks({
      secret: SECRET,
      handlers: {
        onAccountsConnected: () => {
          throw "ssn 123-45-6789";
        },
      },
    });
    const d = signedDelivery("accounts.connected", SECRET, (m) => {
      (m.data as Record<string, unknown>).account = 42;
    });
    await webhooks.receive({ rawBody: d.body, headers: d.headers });
    const text = printed.join("\n");
    expect(text).not.toContain("123-45-6789");
    expect(text).toContain("[string]");
    expect(text).toContain('"instancePath":"/data/account"');
  });
});

describe("finding 9: secrets that are surely a mistake", () => {
  it.each([["x"], [" "], ["\t\n"]])("refuses %j at construction", (secret) => {
    expect(() => new ArgyleWebhooks({ secret })).toThrowError(ArgyleWebhooksConfigError);
    expect(() => new ArgyleWebhooks({ secrets: { sub: secret } })).toThrowError(ArgyleWebhooksConfigError);
  });
  it("warns once, without the secret, for leading or trailing whitespace", () => {
    const { logger, lines } = capture();
    new ArgyleWebhooks({ secret: ["padded-secret\n", " other-secret"], logger });
    const warnings = lines.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/2 configured secrets have leading or trailing whitespace/);
    expect(JSON.stringify(lines)).not.toMatch(/padded|other-secret/);
  });
});

describe("finding 11: log injection, nonsense values", () => {
  it("escapes control characters of a signed event name in log text", async () => {
    const { logger, lines } = capture();
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger });
    const event = "made.up\n[argyle-webhooks] 200 all good \u001b[31mred\u2028";
    await webhooks.receive(signed({ event, name: "n", data: {} }, SECRET));
    const line = lines.find((l) => l.message.startsWith("unknown event"));
    expect(line?.message).toBe(
      "unknown event made.up\\u000a[argyle-webhooks] 200 all good \\u001b[31mred\\u2028: no onUnknown handler",
    );
  });
  it.each([
    [{ dedupe: 0 }, /dedupe must be/],
    [{ dedupe: "yes" }, /dedupe must be/],
    [{ dedupe: null }, /dedupe must be/],
    [{ dedupe: {} }, /dedupe must be/],
    [{ dedupe: { seen: () => false, forget: 1 } }, /forget/],
    [{ limit: "0" }, /limit/],
    [{ limit: 0.5 }, /limit/],
    [{ limit: "0.5b" }, /limit/],
    [{ limit: Number.NaN }, /limit/],
    [{ pendingLimit: 10, limit: 100 }, /pendingLimit/],
  ])("refuses %j at construction", (options, message) => {
    expect(() => new ArgyleWebhooks({ secret: SECRET, ...(options as object) })).toThrowError(message);
  });
});

describe("issue 13 item 3: misspelt option names are refused with a suggestion", () => {
  const misspelt = [
    ["allowedIPs", "allowedIps"],
    ["validaton", "validation"],
    ["readTimeout", "readTimeoutMs"],
    ["Secrets", "secrets"],
    ["dedup", "dedupe"],
  ] as const;
  it.each(misspelt)("%s → did you mean %s? (core, node, fetch, express, koa)", (wrong, right) => {
    const options = { secret: SECRET, [wrong]: "x" } as never;
    const message = new RegExp(`unknown option "${wrong}"; did you mean "${right}"\\?`);
    for (const make of [
      () => new ArgyleWebhooks(options),
      () => createNodeHandler(options),
      () => createFetchHandler(options),
      () => expressWebhooks(options),
      () => koaWebhooks(options),
    ])
      expect(make).toThrowError(message);
  });
  it("an instance from another copy of core is named as such, not as unknown options", () => {
    const foreign = { options: {}, handle: () => Promise.resolve() };
    expect(() => expressWebhooks(foreign as never)).toThrowError(/ArgyleWebhooks instance from another copy/);
  });
  it('`logger: "pino"` is refused too', () => {
    expect(() => new ArgyleWebhooks({ secret: SECRET, logger: "pino" as never })).toThrowError(/logger/);
  });
  it("the Fetch handler's own options, and receive()'s input", async () => {
    expect(() =>
      createFetchHandler({ secret: SECRET }, { getRemoteAdress: () => "1.2.3.4" } as never),
    ).toThrowError(/unknown Fetch handler option "getRemoteAdress"; did you mean "getRemoteAddress"\?/);
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
    const d = signedDelivery("accounts.connected", SECRET);
    const response = await webhooks.receive({
      rawBody: d.body,
      headers: d.headers,
      remoteAdress: "1",
    } as never);
    expect(response.status).toBe(500);
    expect(json(response.body).detail).toMatch(/did you mean "remoteAddress"\?/);
  });
});
