import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs an ES module in a fresh Node process (built packages) and returns what it printed as JSON. */
function fresh(source: string): unknown {
  return JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8" }),
  );
}

const loadedNet = `const net = () => process.moduleLoadList.includes("NativeModule net");`;

describe("node:net is loaded only for an allowedIps list", () => {
  it("importing core and creating an instance without allowedIps leaves node:net unloaded; allowedIps loads it", () => {
    const out = fresh(`${loadedNet}
      const { ArgyleWebhooks } = await import("@argyle-webhooks/core");
      const afterImport = net();
      new ArgyleWebhooks({ secret: "a-long-enough-secret" });
      const withoutList = net();
      const webhooks = new ArgyleWebhooks({ secret: "a-long-enough-secret", allowedIps: ["10.0.0.0/8"] });
      console.log(JSON.stringify({ afterImport, withoutList, withList: net() }));`);
    expect(out).toEqual({ afterImport: false, withoutList: false, withList: true });
  });

  it("without process.getBuiltinModule (Node before 20.16) the allow-list still matches, with the plain-JS isIP", () => {
    const out = fresh(`${loadedNet}
      delete process.getBuiltinModule;
      const { ArgyleWebhooks } = await import("@argyle-webhooks/core");
      const webhooks = new ArgyleWebhooks({ secret: "a-long-enough-secret", logger: false, allowedIps: ["10.0.0.0/8", "2001:db8::/32"] });
      // 403 when the source is refused; otherwise the next check answers (401: no signature header).
      const allowed = async (remoteAddress) => (await webhooks.receive({ rawBody: "{}", headers: { "content-type": "application/json" }, remoteAddress })).status !== 403;
      let badEntry = "";
      try { new ArgyleWebhooks({ secret: "a-long-enough-secret", allowedIps: ["10.0.0.256"] }); } catch (error) { badEntry = error.message; }
      console.log(JSON.stringify({ net: net(), hits: await Promise.all(["10.1.2.3", "::ffff:10.0.0.1", "2001:db8::1", "11.0.0.1", "junk"].map(allowed)), badEntry }));`);
    expect(out).toEqual({
      net: false,
      hits: [true, true, true, false, false],
      badEntry: expect.stringContaining('allowedIps: "10.0.0.256" is not an IP address or CIDR range'),
    });
  });
});
