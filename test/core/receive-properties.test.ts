import { ArgyleWebhooks } from "@argyle-webhooks/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";

const SECRET = "property-secret";
const ALLOWED = new Set([200, 202, 400, 401, 403, 405, 408, 413, 415, 422, 500]);

function counting() {
  let calls = 0;
  const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
  webhooks.onAny(() => {
    calls++;
  });
  return { webhooks, calls: () => calls };
}

describe("receive() properties", () => {
  const delivery = signedDelivery("accounts.updated", SECRET);
  const bytes = Buffer.from(delivery.body);

  it("changing any byte of a signed body gives 401 and no handler call", async () => {
    const { webhooks, calls } = counting();
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const body = Buffer.from(bytes);
        body[at] = (body[at] as number) ^ xor;
        const res = await webhooks.receive({ rawBody: body, headers: delivery.headers });
        expect(res.status).toBe(401);
      }),
      { numRuns: 300 },
    );
    expect(calls()).toBe(0);
  });

  it("changing any character of the signature gives 401 and no handler call", async () => {
    const { webhooks, calls } = counting();
    const sig = delivery.headers["x-argyle-signature"];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(sig.length - 1),
        fc.constantFrom(..."0123456789abcdefXYZ ,"),
        async (at, ch) => {
          fc.pre(sig[at] !== ch);
          const forged = sig.slice(0, at) + ch + sig.slice(at + 1);
          const res = await webhooks.receive({
            rawBody: delivery.body,
            headers: { ...delivery.headers, "x-argyle-signature": forged },
          });
          expect(res.status).toBe(401);
        },
      ),
      { numRuns: 300 },
    );
    expect(calls()).toBe(0);
  });

  it("arbitrary bytes, headers and methods never make receive() throw, and are always answered", async () => {
    const { webhooks, calls } = counting();
    const header = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.string(), fc.json()),
        fc.dictionary(fc.string({ maxLength: 20 }), header, { maxKeys: 6 }),
        fc.record({
          "content-type": fc.oneof(fc.constant("application/json"), fc.string()),
          "x-argyle-signature": header,
        }),
        fc.constantFrom("POST", "GET", "post", "OPTIONS", ""),
        async (rawBody, extra, known, method) => {
          const res = await webhooks.receive({ rawBody, headers: { ...extra, ...known }, method });
          expect(ALLOWED.has(res.status)).toBe(true);
          expect(() => JSON.parse(res.body)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
    expect(calls()).toBe(0);
  });
});
