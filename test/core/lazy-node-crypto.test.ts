import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs a script in a fresh Node process (built packages) and returns what it printed as JSON. */
function fresh(source: string, format: "esm" | "cjs" = "esm"): unknown {
  const args =
    format === "esm" ? ["--input-type=module", "-e", source] : ["-e", `(async () => { ${source} })();`];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }));
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

describe("node:crypto is loaded on first use, not when core is imported", () => {
  it("importing core and creating an instance leave node:crypto unloaded; the first signature loads it", () => {
    const out = fresh(`${loadedCrypto}
      const { ArgyleWebhooks, signArgylePayload } = await import("@argyle-webhooks/core");
      const afterImport = loaded();
      new ArgyleWebhooks({ secret: "a-long-enough-secret" });
      const afterConstruct = loaded();
      signArgylePayload("{}", "a-long-enough-secret");
      console.log(JSON.stringify({ afterImport, afterConstruct, afterSign: loaded() }));`);
    expect(out).toEqual({ afterImport: false, afterConstruct: false, afterSign: true });
  });

  for (const format of ["esm", "cjs"] as const) {
    const load =
      format === "esm" ? 'await import("@argyle-webhooks/core")' : 'require("@argyle-webhooks/core")';
    const prelude =
      format === "esm"
        ? 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);'
        : "";

    it(`signs, verifies and receives synchronously where process.getBuiltinModule is missing (Node before 20.16), ${format}`, () => {
      const out = fresh(
        `${prelude}
        delete process.getBuiltinModule;
        ${deliver(load)}
        console.log(JSON.stringify({ ...result, getBuiltinModule: typeof process.getBuiltinModule }));`,
        format,
      );
      expect(out).toEqual({ ...expected, getBuiltinModule: "undefined" });
    });

    it(`signs, verifies and receives with process.getBuiltinModule, ${format}`, () => {
      const out = fresh(
        `${prelude}
        ${deliver(load)}
        console.log(JSON.stringify(result));`,
        format,
      );
      expect(out).toEqual(expected);
    });
  }
});
