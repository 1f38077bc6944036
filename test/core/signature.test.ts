import { execFileSync } from "node:child_process";
import { signArgylePayload, verifyArgyleSignature } from "@argyle-webhooks/core";
import { signArgylePayloadWeb, verifyArgyleSignatureWeb } from "@argyle-webhooks/core/web-crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// Vectors computed independently (Python hmac, checked with openssl) in catalog.md §3.1.
const COMPACT =
  '{"event":"identities.added","name":"name-for-the-webhook-subscription","data":{"account":"0187c66e-e7e5-811c-b006-2232f00f426a","user":"018051aa-f7a9-a0db-2f38-6cfa325e9d69","identity":"0153b145-7ab9-bea2-cc16-a8b71328942f"}}';
const COMPACT_SIG =
  "38d82ba4f168a475e4d6b3d71c6a5a4959cbde72fc25830befc6eb1b6333c4c3d819115172dfcf943debe6f2e4462530d3b78bfb89d21a5822fd0662d1a5a4d5";
const PRETTY = JSON.stringify(JSON.parse(COMPACT), null, 2);
const PRETTY_SIG =
  "a99abed5094b29ef2c6b4d6e39149da730d641007471f054d2d0a15b2db58f1603ed9bd41997c315bddbd95e7b6f80ce8fab14225b8866032350408318aea143";
const SECRET = "optional-secret";

describe("signArgylePayload", () => {
  it("matches the independently computed vectors, compact and pretty-printed", () => {
    expect(signArgylePayload(COMPACT, SECRET)).toBe(COMPACT_SIG);
    expect(Buffer.byteLength(PRETTY)).toBe(259);
    expect(signArgylePayload(PRETTY, SECRET)).toBe(PRETTY_SIG);
    expect(signArgylePayload(Buffer.from(PRETTY), SECRET)).toBe(PRETTY_SIG);
  });

  it("agrees with openssl on non-ASCII bodies", () => {
    const body = '{"event":"x.y","name":"Zoë — 東京 🚗","data":{}}';
    const out = execFileSync("openssl", ["dgst", "-sha512", "-hmac", SECRET], {
      input: Buffer.from(body, "utf8"),
    }).toString();
    expect(out.trim().split(/\s+/).pop()).toBe(signArgylePayload(body, SECRET));
  });
});

describe("verifyArgyleSignature", () => {
  it("accepts the right signature, also in upper case, and any secret of a rotation list", () => {
    expect(verifyArgyleSignature(PRETTY, PRETTY_SIG, SECRET)).toBe(true);
    expect(verifyArgyleSignature(PRETTY, PRETTY_SIG.toUpperCase(), SECRET)).toBe(true);
    expect(verifyArgyleSignature(PRETTY, PRETTY_SIG, ["new-secret", SECRET])).toBe(true);
  });

  it("rejects, without throwing, missing, empty, short, long, non-hex and wrong signatures", () => {
    const odd = [
      undefined,
      null,
      "",
      " ",
      "abc",
      `${PRETTY_SIG}00`,
      PRETTY_SIG.slice(2),
      `zz${PRETTY_SIG.slice(2)}`,
      COMPACT_SIG,
      `sha512=${PRETTY_SIG}`,
    ];
    for (const sig of odd) expect(verifyArgyleSignature(PRETTY, sig, SECRET)).toBe(false);
    expect(verifyArgyleSignature(PRETTY, PRETTY_SIG, "other")).toBe(false);
    expect(verifyArgyleSignature(COMPACT, PRETTY_SIG, SECRET)).toBe(false);
  });

  it("accepts a repeated header (array or comma-joined) when one value matches", () => {
    expect(verifyArgyleSignature(PRETTY, [COMPACT_SIG, PRETTY_SIG], SECRET)).toBe(true);
    expect(verifyArgyleSignature(PRETTY, `${COMPACT_SIG}, ${PRETTY_SIG}`, SECRET)).toBe(true);
    expect(verifyArgyleSignature(PRETTY, [COMPACT_SIG, "junk"], SECRET)).toBe(false);
  });

  it("never throws on arbitrary header values", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined)),
        fc.uint8Array(),
        (sig, body) => {
          expect(typeof verifyArgyleSignature(body, sig, SECRET)).toBe("boolean");
        },
      ),
    );
  });
});

describe("web-crypto variant", () => {
  it("gives the same signatures and verdicts as node:crypto", async () => {
    expect(await signArgylePayloadWeb(PRETTY, SECRET)).toBe(PRETTY_SIG);
    expect(await verifyArgyleSignatureWeb(PRETTY, PRETTY_SIG, SECRET)).toBe(true);
    expect(
      await verifyArgyleSignatureWeb(PRETTY, `${COMPACT_SIG},${PRETTY_SIG.toUpperCase()}`, ["x", SECRET]),
    ).toBe(true);
    expect(await verifyArgyleSignatureWeb(PRETTY, "nope", SECRET)).toBe(false);
    expect(await verifyArgyleSignatureWeb(PRETTY, undefined, SECRET)).toBe(false);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 512 }),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        async (body, secret) => {
          const sig = signArgylePayload(body, secret);
          expect(await signArgylePayloadWeb(body, secret)).toBe(sig);
          expect(await verifyArgyleSignatureWeb(body, sig, secret)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
