import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyBytes, type RawRequest } from "../helpers/send-raw.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { type Behaviour, startTarget, TARGET_NAMES } from "./targets.js";

interface Vector {
  name: string;
  options: Record<string, unknown>;
  behaviour?: Behaviour;
  streamOnly?: boolean;
  request: RawRequest & { signedWith?: string };
  expect: { status: number; problem?: string; allow?: string; handlerCalls: string[] };
}

const { vectors } = JSON.parse(readFileSync(resolve(import.meta.dirname, "vectors.json"), "utf8")) as {
  vectors: Vector[];
};

/** What a user can observe of an answer: status, problem type, Allow, and which handlers ran. */
async function observe(target: string, vector: Vector) {
  const t = await startTarget(target, vector.options, vector.behaviour);
  try {
    const response = await t.send(vector.request);
    const type = String(response.headers["content-type"] ?? "");
    const problem = type.startsWith("application/problem+json")
      ? (JSON.parse(response.body) as { type: string }).type
      : undefined;
    const allow = response.headers.allow as string | undefined;
    return {
      status: response.status,
      ...(problem ? { problem } : {}),
      ...(allow ? { allow } : {}),
      handlerCalls: [...t.calls].sort(),
      detail: response.body,
    };
  } finally {
    await t.close();
  }
}

describe("vectors carry signatures an independent implementation agrees with", () => {
  const signed = vectors.filter((v) => v.request.signedWith !== undefined);
  const tempDir = tempDirs();
  /** openssl's HMAC of each signed vector's body, by vector name: one openssl run per secret, a file per body. */
  const digests = new Map<string, string>();
  beforeAll(() => {
    const dir = tempDir("conformance-hmac-");
    const bySecret = new Map<string, { name: string; file: string }[]>();
    signed.forEach((v, i) => {
      const file = join(dir, `${i}.body`);
      writeFileSync(file, bodyBytes(v.request));
      const secret = v.request.signedWith as string;
      bySecret.set(secret, [...(bySecret.get(secret) ?? []), { name: v.name, file }]);
    });
    for (const [secret, bodies] of bySecret) {
      const lines = execFileSync("openssl", [
        "dgst",
        "-sha512",
        "-hmac",
        secret,
        "-r",
        ...bodies.map((b) => b.file),
      ])
        .toString()
        .trim()
        .split("\n");
      // `-r` prints "<hex> *<file>" per file, in the order given.
      bodies.forEach((b, i) => {
        const [hex, file] = (lines[i] ?? "").split(" *");
        if (file === b.file && hex) digests.set(b.name, hex);
      });
    }
  });
  it.each(signed.map((v) => [v.name, v] as const))(
    "%s: openssl dgst -sha512 -hmac gives the header",
    (name, v) => {
      const openssl = digests.get(name);
      expect(openssl).toMatch(/^[0-9a-f]{128}$/);
      const header = v.request.headers["x-argyle-signature"];
      const candidates = (Array.isArray(header) ? header : [header ?? ""]).map((h) => h.toLowerCase());
      expect(candidates).toContain(openssl);
    },
  );
});

const results = new Map<string, Map<string, unknown>>();

// Every vector against every target, several at a time (each its own server): the vectors that wait (a slow
// handler, a slow body, a stalled one) overlap instead of adding up.
describe.concurrent.each(TARGET_NAMES)("%s", (target) => {
  it.each(vectors.map((v) => [v.name, v] as const))("%s", async (_name, vector) => {
    if (vector.streamOnly && target === "receive()") return; // receive() takes a whole body: nothing to stall
    const { detail, ...seen } = await observe(target, vector);
    expect(seen, detail).toEqual(vector.expect);
    if (!results.has(vector.name)) results.set(vector.name, new Map());
    results.get(vector.name)?.set(target, seen);
  });
});

afterAll(() => {
  // Identical answers across targets (each already equals the vector's expectation; this states it directly).
  for (const [name, byTarget] of results) {
    const distinct = new Set([...byTarget.values()].map((r) => JSON.stringify(r)));
    if (distinct.size > 1) throw new Error(`targets disagree on "${name}": ${[...distinct].join(" | ")}`);
  }
});
