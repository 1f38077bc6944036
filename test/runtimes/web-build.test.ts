// The web build's twins give the same answers as the Node modules they replace, and the web build holds no Node
// built-in. (The runtime matrix, npm run test:runtimes, runs the whole web build on Deno and workerd.)
import { isUtf8 } from "node:buffer";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../packages/core/src/web-decode-utf8.js";
import { deliveryKeyOf } from "../../packages/core/src/web-delivery-key.js";
import { isIP as webIsIP } from "../../packages/core/src/web-is-ip.js";
import { matchSignature, parseSignatureHeader } from "../../packages/core/src/web-signature.js";

describe("web twins agree with node", () => {
  it("SHA-256 delivery key equals node:crypto's for every length around the block edges and random bodies", () => {
    for (let n = 0; n < 200; n++) {
      const body = randomBytes(n);
      expect(deliveryKeyOf(body)).toBe(createHash("sha256").update(body).digest("hex"));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (body) => {
        expect(deliveryKeyOf(body)).toBe(createHash("sha256").update(body).digest("hex"));
      }),
      { numRuns: 200 },
    );
  });

  it("TextDecoder fatal decode accepts and refuses exactly what isUtf8 does", () => {
    const samples = [
      new Uint8Array([0xc3, 0x28]),
      new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
      new Uint8Array([0xed, 0xa0, 0x80]),
      new TextEncoder().encode('{"name":"Zoë 🎉"}'),
    ];
    for (const s of samples) expect(decodeUtf8(s) !== undefined).toBe(isUtf8(s));
    expect(decodeUtf8(samples[1] as Uint8Array)).toBe(Buffer.from(samples[1] as Uint8Array).toString("utf8"));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = decodeUtf8(bytes);
        expect(text !== undefined).toBe(isUtf8(bytes));
        if (text !== undefined) expect(text).toBe(Buffer.from(bytes).toString("utf8"));
      }),
      { numRuns: 2000 },
    );
  });

  it("isIP matches node:net on addresses, near misses and junk", () => {
    const inputs = [
      "34.27.251.226",
      "0.0.0.0",
      "255.255.255.255",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3",
      "1.2.3.4.5",
      "::",
      "::1",
      "1::",
      "2001:db8::1",
      "2001:db8:0:0:0:0:0:1",
      "1:2:3:4:5:6:7::",
      "1:2:3:4:5:6:7:8:9",
      "::ffff:10.0.0.1",
      "::ffff:10.0.0.256",
      "fe80::1%eth0",
      "1:::2",
      ":1::2",
      "12345::",
      "g::1",
      "",
      "localhost",
    ];
    for (const input of inputs) expect(webIsIP(input), input).toBe(isIP(input));
    fc.assert(
      fc.property(
        fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ unit: fc.constantFrom(..."0123456789abcdef:.") })),
        (s) => {
          expect(webIsIP(s)).toBe(isIP(s));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("Web Crypto matchSignature finds the same secret index as HMAC-SHA512, and -1 for a wrong one", async () => {
    const body = new TextEncoder().encode('{"event":"accounts.added","data":{}}');
    const sig = (secret: string) => createHmac("sha512", secret).update(body).digest("hex");
    const header = `${"0".repeat(128)}, ${sig("old").toUpperCase()}`;
    expect(await matchSignature(body, parseSignatureHeader(header), ["new", "old"])).toBe(1);
    expect(await matchSignature(body, parseSignatureHeader(sig("other")), ["new", "old"])).toBe(-1);
    expect(parseSignatureHeader("not hex")).toEqual([]);
    expect(parseSignatureHeader(Array(20).fill(sig("x")))).toHaveLength(8);
  });
});

describe("the web build", () => {
  it("imports no Node built-in, reaches for none through process, and uses no Buffer", () => {
    const dir = resolve(import.meta.dirname, "../../packages/core/dist/web");
    const files = readdirSync(dir).filter((f) => f.endsWith(".js"));
    expect(files).toContain("fetch.js");
    for (const file of files) {
      const code = readFileSync(resolve(dir, file), "utf8");
      expect(code, file).not.toMatch(
        /(from|import\(|require\()\s*["'](node:)?(crypto|buffer|net|stream|http)["']/,
      );
      expect(code, file).not.toMatch(/\bBuffer\.(from|isBuffer|alloc|concat)/);
      // Next.js's edge runtime throws on any read of a Node API such as process.getBuiltinModule.
      expect(code, file).not.toMatch(/getBuiltinModule/);
    }
  });

  it("is what the workerd, worker, edge-light and browser conditions select; Node, Bun and Deno keep node:crypto", () => {
    const pkg = JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../packages/core/package.json"), "utf8"),
    );
    const fetchExport = pkg.exports["./fetch"] as Record<string, { default?: string }>;
    for (const condition of ["workerd", "worker", "edge-light", "browser"])
      expect(fetchExport[condition]?.default, condition).toBe("./dist/web/fetch.js");
    expect(Object.keys(fetchExport).slice(-2)).toEqual(["import", "require"]);
    expect(fetchExport.deno).toBeUndefined(); // bench/fetch-builds.ts: node:crypto is faster on Deno too
  });
});
