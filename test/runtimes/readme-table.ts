import { readFileSync, writeFileSync } from "node:fs";

/**
 * One target's result in the runtime matrix.
 * @example
 * ```ts
 * const row: MatrixRow = { runtime: "bun", version: "1.4.5", adapter: "fetch", entry: "node build", port: 4000, passed: 34, total: 34 };
 * ```
 */
export interface MatrixRow {
  runtime: string;
  version: string;
  adapter: string;
  entry: string;
  port: number;
  passed: number;
  total: number;
}

const START = "<!-- runtime-matrix:start (written by npm run test:runtimes -- --write-readme) -->";
const END = "<!-- runtime-matrix:end -->";

const NAMES: Record<string, string> = {
  node: "Node.js",
  bun: "Bun",
  deno: "Deno",
  workerd: "Cloudflare Workers (workerd)",
};

const ENTRY: Record<string, string> = {
  node: "`node:crypto` build (`import`/`require`)",
  bun: "`node:crypto` build (Bun resolves `import`; its `node:crypto` is native)",
  deno: "`node:crypto` build (Deno resolves `import`; measured faster than Web Crypto there)",
  workerd: "web build (`workerd`/`worker` conditions, no `nodejs_compat`)",
  next: "Node runtime: `node:crypto` build; edge runtime: web build (`edge-light` condition)",
};

const DIFFERS: Record<string, string> = {
  node: "Reference runtime; every adapter.",
  bun: "`getRemoteAddress` from `server.requestIP(request)` for `allowedIps`.",
  deno: "`getRemoteAddress` from `info.remoteAddr` for `allowedIps`; needs `--allow-net`, `--allow-read`.",
  workerd:
    "Web Crypto HMAC; `getRemoteAddress` from `CF-Connecting-IP`; handlers still running after the 202 need `ctx.waitUntil`.",
  next: "Route handlers read `ARGYLE_WEBHOOK_SECRET` on the first request, so `next build` runs without it; no socket: `getRemoteAddress` from your proxy's header. Under `next start` a stalled body never reaches an edge route (Next.js does not answer), so the stalled-body vector runs on the Node runtime route only.",
};

/** The README's runtime table, one line per runtime, from the matrix's rows. */
export function renderTable(rows: readonly MatrixRow[]): string {
  const lines = [
    "| Runtime | Versions tested | Adapters (vectors passed) | `@argyle-webhooks/core/fetch` resolves to | What differs |",
    "| --- | --- | --- | --- | --- |",
  ];
  const runtimes = [...new Set(rows.map((r) => r.runtime))];
  for (const runtime of runtimes) {
    const mine = rows.filter((r) => r.runtime === runtime);
    // The system Node 20 is whatever 20.x the machine has; the others are pinned in runtimes.json.
    const versions = [...new Set(mine.map((r) => (r.version.startsWith("20.") ? "20.x" : r.version)))];
    const adapters = [...new Set(mine.map((r) => r.adapter))].map((adapter) => {
      const of = mine.filter((r) => r.adapter === adapter);
      const passed = of.reduce((n, r) => n + r.passed, 0);
      const total = of.reduce((n, r) => n + r.total, 0);
      return `${adapter} ${passed}/${total}`;
    });
    lines.push(
      `| ${NAMES[runtime] ?? runtime} | ${versions.join(", ")} | ${adapters.join(", ")} | ${ENTRY[runtime] ?? ""} | ${DIFFERS[runtime] ?? ""} |`,
    );
  }
  return lines.join("\n");
}

/**
 * Compares the table between the README's markers with the one the matrix run produces; with `write`, replaces
 * it. Returns a failure message, or undefined when they agree.
 */
export function checkReadmeTable(
  path: string,
  rows: readonly MatrixRow[],
  write: boolean,
): string | undefined {
  const text = readFileSync(path, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return `README.md has no runtime table between ${START} and ${END}`;
  const table = renderTable(rows);
  const current = text.slice(start + START.length, end).trim();
  if (current === table) return undefined;
  if (write) {
    writeFileSync(path, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
    console.log("README.md runtime table updated");
    return undefined;
  }
  return `README.md's runtime table differs from this run; run npm run test:runtimes -- --write-readme\n${table}`;
}
