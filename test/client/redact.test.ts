// Issue 20 item 8: the client's secret masking, tested directly (test/client/redaction.test.ts covers it end to end).
import { describe, expect, it } from "vitest";
import { describeSecret, fingerprint, redact } from "../../packages/client/src/redact.js";

describe("redact", () => {
  it("masks every occurrence of every secret", () => {
    expect(redact("a s3cr3t, b s3cr3t; k key-9f2e", ["s3cr3t", "key-9f2e"])).toBe("a ****, b ****; k ****");
  });

  it("ignores null, undefined, empty and short (< 4 chars) values, so ordinary words survive", () => {
    expect(redact("a bc def ghij", [null, undefined, "", "a", "bc", "def"])).toBe("a bc def ghij");
    expect(redact("a bc def ghij", ["ghij"])).toBe("a bc def ****");
  });

  it("masks the bare base64 token of a Basic authorization value, and the whole header value", () => {
    const token = Buffer.from("key-id:key-secret").toString("base64");
    const authorization = `Basic ${token}`;
    expect(redact(`echo: {"authorization":"${authorization}"}`, [authorization])).toBe(
      'echo: {"authorization":"****"}',
    );
    expect(redact(`token was ${token}.`, [authorization])).toBe("token was ****.");
    expect(redact(`token was ${token}.`, [`basic   ${token}`])).toBe("token was ****."); // any case, any spacing
  });

  it("masks a secret as it appears inside a JSON string (quotes, backslashes, control characters escaped)", () => {
    const secret = 'se"cr\\et\n1';
    const body = JSON.stringify({ detail: `bad secret ${secret}` });
    expect(body).not.toContain(secret);
    expect(redact(body, [secret])).toBe('{"detail":"bad secret ****"}');
  });

  it("masks a URL-encoded secret (e.g. echoed in a query string or a form body)", () => {
    const secret = "p@ss w/rd&=?";
    const echoed = `https://example.com/hook?secret=${encodeURIComponent(secret)}&x=1`;
    expect(redact(echoed, [secret])).toBe("https://example.com/hook?secret=****&x=1");
  });

  it("masks the longest form first: a secret beginning with another secret is not left half-masked", () => {
    expect(redact("one abcdefgh two", ["abcd", "abcdefgh"])).toBe("one **** two");
    expect(redact("one abcdefgh two abcd", ["abcdefgh", "abcd"])).toBe("one **** two ****");
  });

  it("a form shorter than 4 characters is not masked, even when the secret is long enough", () => {
    // "Basic ab" is 8 characters, but its token "ab" alone would blank out ordinary text.
    expect(redact("ab cab", ["Basic ab"])).toBe("ab cab");
  });

  it("text without a secret comes back unchanged", () => {
    expect(redact("nothing to hide", ["s3cr3t-value"])).toBe("nothing to hide");
    expect(redact("", ["s3cr3t-value"])).toBe("");
  });
});

describe("describeSecret and fingerprint", () => {
  it("describe a secret or a key id by its length only", () => {
    expect(describeSecret("abc123")).toBe("set (6 chars)");
    expect(describeSecret("")).toBe("none");
    expect(describeSecret(null)).toBe("none");
    expect(describeSecret(undefined)).toBe("none");
    expect(fingerprint("0187c66e-e7e5-811c")).toBe("(18 chars)");
    expect(fingerprint("")).toBe("(empty)");
  });
});
