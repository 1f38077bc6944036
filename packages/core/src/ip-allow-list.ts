import { isIP } from "./is-ip.js";

/**
 * The addresses Argyle delivers webhooks from, per Argyle's webhook guide.
 *
 * @example
 * ```ts
 * argyleWebhooks({ secret, allowedIps: ARGYLE_WEBHOOK_IPS, handlers });
 * ```
 */
export const ARGYLE_WEBHOOK_IPS: readonly string[] = [
  "34.27.251.226",
  "34.122.50.253",
  "35.188.163.115",
  "35.226.53.251",
];

interface Range {
  bytes: Uint8Array;
  prefix: number;
}

function parseIpv4(ip: string): Uint8Array {
  return Uint8Array.from(ip.split(".").map(Number));
}

function parseIpv6(ip: string): Uint8Array {
  const out = new Uint8Array(16);
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = parseIpv4(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const groups = [
    ...headParts,
    ...new Array(8 - headParts.length - tailParts.length).fill("0"),
    ...tailParts,
  ];
  groups.forEach((g, i) => {
    const n = Number.parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  return out;
}

/** IPv4 as bytes; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is unwrapped to IPv4. */
function toBytes(ip: string): Uint8Array | undefined {
  const bare = ip
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const kind = isIP(bare);
  if (kind === 4) return parseIpv4(bare);
  if (kind !== 6) return undefined;
  const bytes = parseIpv6(bare);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/**
 * Compiles an allow-list of addresses and CIDR ranges (`"34.27.251.226"`, `"10.0.0.0/8"`, `"2001:db8::/32"`)
 * into a matcher. Throws at construction for an entry that is not an address or range.
 * @example
 * ```ts
 * const allowed = compileIpAllowList([...ARGYLE_WEBHOOK_IPS, "10.0.0.0/8"]);
 * allowed("34.27.251.226"); // true
 * ```
 */
export function compileIpAllowList(entries: readonly string[]): (address: string | undefined) => boolean {
  const ranges: Range[] = entries.map((entry) => {
    const parts = typeof entry === "string" ? entry.split("/") : [];
    const [ip = "", prefixText] = parts;
    const bytes = parts.length <= 2 ? toBytes(ip) : undefined;
    const max = bytes ? bytes.length * 8 : 0;
    const prefix =
      prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    if (!bytes || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new TypeError(`allowedIps: "${entry}" is not an IP address or CIDR range`);
    }
    return { bytes, prefix };
  });
  return (address) => {
    if (!address) return false;
    const bytes = toBytes(address);
    if (!bytes) return false;
    return ranges.some((r) => {
      if (r.bytes.length !== bytes.length) return false;
      const full = r.prefix >> 3;
      for (let i = 0; i < full; i++) if (r.bytes[i] !== bytes[i]) return false;
      const rest = r.prefix & 7;
      if (rest === 0) return true;
      const mask = (0xff << (8 - rest)) & 0xff;
      return ((r.bytes[full] ?? 0) & mask) === ((bytes[full] ?? 0) & mask);
    });
  };
}
