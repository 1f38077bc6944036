import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs an ES module in a fresh Node process (built packages) and returns what it printed as JSON. */
function fresh(source: string): unknown {
  return JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8" }),
  );
}

// Node's Fetch globals (Headers, Request, Response) load undici on first read.
const delivery = `
  const undici = () => process.moduleLoadList.includes("NativeModule internal/deps/undici/undici");
  const { ArgyleWebhooks, signArgylePayload } = await import("@argyle-webhooks/core");
  const body = JSON.stringify({ event: "accounts.connected", name: "n", data: { account: "0187a35f-35fa-56e2-1a95-f7e4232a4b3a", user: "0187a35f-35fa-56e2-1a95-f7e4232a4b3b" } });
  const seen = [];
  const webhooks = new ArgyleWebhooks({ secret: "a-long-enough-secret", logger: false,
    handlers: { onAccountsConnected: (_event, context) => { seen.push(context.headers["x-custom"]); } } });
  const signature = signArgylePayload(body, "a-long-enough-secret");`;

describe("receive() with plain headers does not load undici", () => {
  it("a delivery with a plain header object, context.headers read, leaves undici unloaded", () => {
    const out = fresh(`${delivery}
      const r = await webhooks.receive({ rawBody: body, headers: { "Content-Type": "application/json", "X-Argyle-Signature": signature, "X-Custom": ["a", "b"] } });
      console.log(JSON.stringify({ status: r.status, seen, undici: undici() }));`);
    expect(out).toEqual({ status: 200, seen: ["a, b"], undici: false });
  });

  it("a Fetch Headers object still works", () => {
    const out = fresh(`${delivery}
      const headers = new Headers({ "Content-Type": "application/json", "X-Argyle-Signature": signature, "X-Custom": "c" });
      const ok = await webhooks.receive({ rawBody: body, headers });
      const unsigned = await webhooks.receive({ rawBody: body, headers: new Headers({ "content-type": "application/json" }) });
      console.log(JSON.stringify({ ok: ok.status, unsigned: unsigned.status, seen }));`);
    expect(out).toEqual({ ok: 200, unsigned: 401, seen: ["c"] });
  });
});
