// `isIP` of `node:net` for runtimes without it (and Node before 20.16): see is-ip.ts, which loads `node:net` lazily.

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIpv6(text: string): boolean {
  let body = text;
  let groups = 8;
  const lastColon = body.lastIndexOf(":");
  if (lastColon >= 0 && body.includes(".", lastColon)) {
    if (!IPV4.test(body.slice(lastColon + 1))) return false;
    body = `${body.slice(0, lastColon + 1)}0`;
    groups = 7;
  }
  const halves = body.split("::");
  if (halves.length > 2) return false;
  const parts = (s: string | undefined) => (s ? s.split(":") : []);
  const head = parts(halves[0]);
  const tail = parts(halves[1]);
  if (![...head, ...tail].every((g) => GROUP.test(g))) return false;
  const count = head.length + tail.length;
  return halves.length === 2 ? count <= groups - 1 : count === groups;
}

/**
 * 4 for an IPv4 address, 6 for IPv6 (a `%zone` suffix allowed), 0 otherwise, as `node:net`'s `isIP`.
 * @example
 * ```ts
 * isIP("34.27.251.226"); // 4
 * isIP("::ffff:10.0.0.1"); // 6
 * isIP("10.0.0.256"); // 0
 * ```
 */
export function isIP(input: string): 0 | 4 | 6 {
  if (typeof input !== "string") return 0;
  if (IPV4.test(input)) return 4;
  const zone = input.indexOf("%");
  if (zone === 0 || (zone > 0 && zone === input.length - 1)) return 0;
  return isIpv6(zone > 0 ? input.slice(0, zone) : input) ? 6 : 0;
}
