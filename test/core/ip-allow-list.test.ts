import { describe, expect, it } from "vitest";
import { ARGYLE_WEBHOOK_IPS, compileIpAllowList } from "../../packages/core/src/ip-allow-list.js";

describe("compileIpAllowList: which client addresses reach the handlers", () => {
  it("lets Argyle's four documented addresses in, and nothing next to them", () => {
    const allowed = compileIpAllowList(ARGYLE_WEBHOOK_IPS);
    for (const ip of ARGYLE_WEBHOOK_IPS) expect(allowed(ip)).toBe(true);
    expect(allowed("34.27.251.227")).toBe(false);
    expect(allowed("34.27.251.22")).toBe(false);
    expect(allowed("134.27.251.226")).toBe(false);
  });

  it("an IPv4 address arriving as IPv4-mapped IPv6 (a dual-stack socket) matches its IPv4 entry and range", () => {
    const allowed = compileIpAllowList(["34.27.251.226", "10.0.0.0/8"]);
    expect(allowed("::ffff:34.27.251.226")).toBe(true);
    expect(allowed("::FFFF:34.27.251.226")).toBe(true);
    expect(allowed("::ffff:10.200.3.4")).toBe(true);
    expect(allowed("::ffff:11.0.0.1")).toBe(false);
    // The mapped form in the list matches the plain IPv4 client too.
    expect(compileIpAllowList(["::ffff:34.27.251.226"])("34.27.251.226")).toBe(true);
  });

  it("IPv4-compatible and other IPv6 addresses ending in dotted quads are not unwrapped", () => {
    const allowed = compileIpAllowList(["34.27.251.226"]);
    expect(allowed("::34.27.251.226")).toBe(false);
    expect(allowed("64:ff9b::34.27.251.226")).toBe(false);
  });

  it("IPv6: compressed, expanded, upper case, bracketed and zoned forms of one address all match", () => {
    const allowed = compileIpAllowList(["2001:db8::1"]);
    for (const form of [
      "2001:db8::1",
      "2001:0db8:0000:0000:0000:0000:0000:0001",
      "2001:DB8:0:0:0:0:0:1",
      "[2001:db8::1]",
      "2001:db8::1%eth0",
      " 2001:db8::1 ",
    ])
      expect(allowed(form), form).toBe(true);
    expect(allowed("2001:db8::2")).toBe(false);
    expect(allowed("::1")).toBe(false);
  });

  it("an IPv4 list never matches an IPv6 client and the other way round", () => {
    expect(compileIpAllowList(["0.0.0.0/0"])("2001:db8::1")).toBe(false);
    expect(compileIpAllowList(["::/0"])("10.0.0.1")).toBe(false);
    // A mapped client is IPv4, so an IPv6 range does not cover it.
    expect(compileIpAllowList(["::/0"])("::ffff:10.0.0.1")).toBe(false);
  });

  it("CIDR edges: /0 matches everything of its family, /32 and /128 exactly one address", () => {
    expect(compileIpAllowList(["0.0.0.0/0"])("255.255.255.255")).toBe(true);
    expect(compileIpAllowList(["0.0.0.0/0"])("0.0.0.0")).toBe(true);
    expect(compileIpAllowList(["::/0"])("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(true);
    const one = compileIpAllowList(["192.0.2.7/32"]);
    expect(one("192.0.2.7")).toBe(true);
    expect(one("192.0.2.6")).toBe(false);
    const one6 = compileIpAllowList(["2001:db8::7/128"]);
    expect(one6("2001:db8::7")).toBe(true);
    expect(one6("2001:db8::6")).toBe(false);
  });

  it("prefixes that end inside a byte compare only the prefix's bits", () => {
    const v4 = compileIpAllowList(["192.0.2.128/25"]);
    expect(v4("192.0.2.128")).toBe(true);
    expect(v4("192.0.2.255")).toBe(true);
    expect(v4("192.0.2.127")).toBe(false);
    const v4b = compileIpAllowList(["10.96.0.0/11"]);
    expect(v4b("10.96.0.0")).toBe(true);
    expect(v4b("10.127.255.255")).toBe(true);
    expect(v4b("10.128.0.0")).toBe(false);
    expect(v4b("10.95.255.255")).toBe(false);
    const v6 = compileIpAllowList(["2001:db8::/33"]);
    expect(v6("2001:db8:7fff::1")).toBe(true);
    expect(v6("2001:db8:8000::1")).toBe(false);
  });

  it("a range's host bits do not matter: 10.1.2.3/8 is 10.0.0.0/8", () => {
    const allowed = compileIpAllowList(["10.1.2.3/8"]);
    expect(allowed("10.250.0.1")).toBe(true);
    expect(allowed("11.1.2.3")).toBe(false);
  });

  it("refuses a malformed entry at construction, naming it", () => {
    for (const entry of [
      "",
      "localhost",
      "10.0.0.256",
      "10.0.0",
      "10.0.0.1/33",
      "10.0.0.1/-1",
      "10.0.0.1/",
      "10.0.0.1/8/8",
      "10.0.0.1/8.0",
      "10.0.0.1/ 8",
      "2001:db8::/129",
      "2001:db8:::1",
      "12345::1",
      "::ffff:10.0.0.0/104",
    ])
      expect(() => compileIpAllowList([entry]), entry).toThrow(
        `allowedIps: "${entry}" is not an IP address or CIDR range`,
      );
    expect(() => compileIpAllowList([42 as unknown as string])).toThrow(TypeError);
  });

  it("a missing or malformed client address is refused, never thrown on", () => {
    const allowed = compileIpAllowList(["0.0.0.0/0", "::/0"]);
    for (const address of [
      undefined,
      "",
      "not-an-ip",
      "10.0.0.256",
      "1.2.3.4.5",
      "::ffff:1.2.3",
      "gggg::1",
      "::1::",
    ])
      expect(allowed(address), String(address)).toBe(false);
  });

  it("an empty list allows no one", () => {
    expect(compileIpAllowList([])("34.27.251.226")).toBe(false);
  });
});
