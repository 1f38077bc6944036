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

// One fresh process for both tests: the plain-header delivery first (is undici loaded after it?), then the
// Fetch Headers deliveries, which load it.
let printed: { plain: unknown; fetch: unknown } | undefined;
const run = () =>
  (printed ??= fresh(`${delivery}
      const r = await webhooks.receive({ rawBody: body, headers: { "Content-Type": "application/json", "X-Argyle-Signature": signature, "X-Custom": ["a", "b"] } });
      const plain = { status: r.status, seen: [...seen], undici: undici() };
      seen.length = 0;
      const headers = new Headers({ "Content-Type": "application/json", "X-Argyle-Signature": signature, "X-Custom": "c" });
      const ok = await webhooks.receive({ rawBody: body, headers });
      const unsigned = await webhooks.receive({ rawBody: body, headers: new Headers({ "content-type": "application/json" }) });
      console.log(JSON.stringify({ plain, fetch: { ok: ok.status, unsigned: unsigned.status, seen } }));`) as {
    plain: unknown;
    fetch: unknown;
  });

describe("receive() with plain headers does not load undici", () => {
  it("a delivery with a plain header object, context.headers read, leaves undici unloaded", () => {
    expect(run().plain).toEqual({ status: 200, seen: ["a, b"], undici: false });
  });

  it("a Fetch Headers object still works", () => {
    expect(run().fetch).toEqual({ ok: 200, unsigned: 401, seen: ["c"] });
  });
});
