import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs an ES module in a fresh Node process (built packages) and returns what it printed as JSON. */
function fresh(source: string): unknown {
  return JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8" }),
  );
}

const loadedCrypto = `const loaded = () => process.moduleLoadList.includes("NativeModule crypto");`;
// A signed delivery through the public API, and the same signature from node:crypto itself.
const deliver = (load: string) => `
  const { ArgyleWebhooks, signArgylePayload, verifyArgyleSignature } = ${load};
  const body = JSON.stringify({ event: "accounts.connected", name: "n", data: { account: "0187a35f-35fa-56e2-1a95-f7e4232a4b3a", user: "0187a35f-35fa-56e2-1a95-f7e4232a4b3b" } });
  const signature = signArgylePayload(body, "a-long-enough-secret");
  const webhooks = new ArgyleWebhooks({ secret: "a-long-enough-secret", logger: false, handlers: { onAccountsConnected: () => {} } });
  const ok = await webhooks.receive({ rawBody: body, headers: { "content-type": "application/json", "x-argyle-signature": signature } });
  const forged = await webhooks.receive({ rawBody: body, headers: { "content-type": "application/json", "x-argyle-signature": "0".repeat(128) } });
  const reference = require("node:crypto").createHmac("sha512", "a-long-enough-secret").update(body).digest("hex");
  const result = { same: signature === reference, verified: verifyArgyleSignature(body, signature, "a-long-enough-secret"), ok: ok.status, forged: forged.status };`;
const expected = { same: true, verified: true, ok: 200, forged: 401 };

/** Runs `source` once, on first call, and hands every later call the same result. */
function once<T>(run: () => T): () => T {
  let result: { value: T } | undefined;
  return () => {
    result ??= { value: run() };
    return result.value;
  };
}

const esmLoad = 'await import("@argyle-webhooks/core")';
const cjsLoad = 'require("@argyle-webhooks/core")';
const requireInEsm =
  'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);';

// Two fresh processes, each printing what several tests read: one with process.getBuiltinModule (what loads
// node:crypto when, then a delivery through the ES module build and one through the CommonJS build: separate
// module instances, each with its own lazy loading), one without it (the same two deliveries).
const withBuiltin = once(
  () =>
    fresh(`${requireInEsm} ${loadedCrypto}
      const { ArgyleWebhooks, signArgylePayload } = await import("@argyle-webhooks/core");
      const afterImport = loaded();
      new ArgyleWebhooks({ secret: "a-long-enough-secret" });
      const afterConstruct = loaded();
      signArgylePayload("{}", "a-long-enough-secret");
      const loading = { afterImport, afterConstruct, afterSign: loaded() };
      const esm = await (async () => { ${deliver(esmLoad)} return result; })();
      const cjs = await (async () => { ${deliver(cjsLoad)} return result; })();
      console.log(JSON.stringify({ loading, esm, cjs }));`) as {
      loading: unknown;
      esm: unknown;
      cjs: unknown;
    },
);
const withoutBuiltin = once(
  () =>
    fresh(`${requireInEsm}
      delete process.getBuiltinModule;
      const esm = await (async () => { ${deliver(esmLoad)} return result; })();
      const cjs = await (async () => { ${deliver(cjsLoad)} return result; })();
      console.log(JSON.stringify({ esm, cjs, getBuiltinModule: typeof process.getBuiltinModule }));`) as {
      esm: unknown;
      cjs: unknown;
      getBuiltinModule: string;
    },
);

describe("node:crypto is loaded on first use, not when core is imported", () => {
  it("importing core and creating an instance leave node:crypto unloaded; the first signature loads it", () => {
    expect(withBuiltin().loading).toEqual({ afterImport: false, afterConstruct: false, afterSign: true });
  });

  for (const format of ["esm", "cjs"] as const) {
    it(`signs, verifies and receives synchronously where process.getBuiltinModule is missing (Node before 20.16), ${format}`, () => {
      const out = withoutBuiltin();
      expect({ ...(out[format] as object), getBuiltinModule: out.getBuiltinModule }).toEqual({
        ...expected,
        getBuiltinModule: "undefined",
      });
    });

    it(`signs, verifies and receives with process.getBuiltinModule, ${format}`, () => {
      expect(withBuiltin()[format]).toEqual(expected);
    });
  }
});
