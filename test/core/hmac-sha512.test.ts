import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { signArgylePayload, verifyArgyleSignature } from "@argyle-webhooks/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacSha512, ONE_SHOT_LIMIT } from "../../packages/core/src/hmac-sha512.js";

const reference = (secret: string, body: Uint8Array | string) =>
  createHmac("sha512", secret).update(body).digest("hex");

/** Bytes of any length from a seed, without fast-check drawing each of 300 000 bytes. */
function bytes(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

// Code points from the whole range, lone surrogates included (UTF-8 encodes them as U+FFFD, as createHmac does).
const unit = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 8 },
  { arbitrary: fc.constantFrom("\ud83d", "\ude97", "é", "東"), weight: 2 },
);
// Keys from empty to 300 code points: up to 1200 bytes, both sides of the 128-byte block (hashed first above it).
const secrets = fc.oneof(
  fc.string({ unit, maxLength: 300 }),
  fc.integer({ min: 120, max: 136 }).map((n) => "k".repeat(n)),
  fc.integer({ min: 40, max: 46 }).map((n) => "é".repeat(n)),
);
const near = (n: number) => fc.integer({ min: Math.max(0, n - 300), max: n + 300 });
const lengths = fc.oneof(
  fc.integer({ min: 0, max: 2048 }),
  near(ONE_SHOT_LIMIT),
  fc.integer({ min: 0, max: 300 * 1024 }),
);
const byteBodies = fc.tuple(lengths, fc.integer()).map(([n, seed]) => bytes(n, seed));
// Strings whose UTF-8 size is near the limit while their UTF-16 length is below it, and the reverse.
const stringBodies = fc.oneof(
  fc.string({ unit, maxLength: 2000 }),
  fc
    .tuple(fc.string({ unit, minLength: 1, maxLength: 6 }), near(ONE_SHOT_LIMIT))
    .map(([piece, size]) => piece.repeat(Math.ceil(size / Buffer.byteLength(piece)))),
  fc
    .tuple(near(ONE_SHOT_LIMIT), fc.constantFrom("a", "é", "東", "🚗"))
    .map(([n, c]) => c.repeat(n / c.length)),
);

describe("hmacSha512 (one-shot hashes over precomputed pads)", () => {
  it("equals createHmac for random keys and byte bodies on both sides of the one-shot limit", () => {
    fc.assert(
      fc.property(secrets, byteBodies, (secret, body) => {
        expect(hmacSha512(secret, body).toString("hex")).toBe(reference(secret, body));
      }),
      { numRuns: 300 },
    );
  });

  it("equals createHmac for string bodies, multibyte and lone surrogates included", () => {
    fc.assert(
      fc.property(secrets, stringBodies, (secret, body) => {
        expect(hmacSha512(secret, body).toString("hex")).toBe(reference(secret, body));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same answer again for a secret whose pads are cached, and for a Uint8Array view into a larger buffer", () => {
    const backing = bytes(4096, 7);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 100, 600);
    for (let i = 0; i < 3; i++)
      expect(hmacSha512("bench-secret", view).toString("hex")).toBe(reference("bench-secret", view));
    // One body, then a shorter one: nothing of the first may leak into the second's hash.
    expect(hmacSha512("s", bytes(5000, 1)).toString("hex")).toBe(reference("s", bytes(5000, 1)));
    expect(hmacSha512("s", bytes(10, 1)).toString("hex")).toBe(reference("s", bytes(10, 1)));
  });

  it("signs and verifies through the public API with it, for more than 64 distinct secrets (past the pad cache)", () => {
    const body = '{"event":"accounts.connected","data":{}}';
    for (let i = 0; i < 70; i++) {
      const secret = `secret-${i}`;
      expect(signArgylePayload(body, secret)).toBe(reference(secret, body));
      expect(verifyArgyleSignature(body, reference(secret, body), secret)).toBe(true);
      expect(verifyArgyleSignature(body, reference(`${secret}x`, body), secret)).toBe(false);
    }
  });

  it("falls back to createHmac on a Node without crypto.hash (before 20.12 / 21.7)", () => {
    const script = `
      const crypto = require("node:crypto");
      delete crypto.hash;
      require("node:module").syncBuiltinESMExports();
      import("@argyle-webhooks/core").then(({ signArgylePayload }) => {
        const body = Buffer.alloc(600, 97);
        process.stdout.write(JSON.stringify({ hash: typeof crypto.hash, ours: signArgylePayload(body, "k"),
          theirs: crypto.createHmac("sha512", "k").update(body).digest("hex") }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
    expect(out.hash).toBe("undefined");
    expect(out.ours).toBe(out.theirs);
  });
});
