/**
 * `npx tsx bench/fetch-builds.ts`: the Fetch handler's Node build (node:crypto) against its web build (Web Crypto)
 * on Node 20/22/24, Bun and Deno (runtimes from the matrix's cache, see test/runtimes/tool-dir.ts), one runtime at
 * a time. Writes bench/results/fetch-builds.md. Needs `npm run build` first.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { ensureToolDir } from "../test/runtimes/tool-dir.js";
import { writeResultsFile } from "./write-results.js";

const root = resolve(import.meta.dirname, "..");
const script = resolve(import.meta.dirname, "fetch-builds.mjs");
const tools = ensureToolDir();
const runs: [string, string[]][] = [
  [process.execPath, [script, root]],
  [tools.node22, [script, root]],
  [tools.node24, [script, root]],
  [tools.bun, [script, root]],
  [tools.deno, ["run", "--allow-read", script, root]],
];
const lines = [
  "## Fetch handler: Node build against web build",
  "",
  "Command: `npx tsx bench/fetch-builds.ts` (requests/s through `createFetchHandler` in one process, `Request` in,",
  "`Response` read; median of 5 interleaved rounds of 0.4 s per build; pretty-printed `gigs.partially_synced`, 348 bytes)",
  "",
  "| runtime | case | Node build (node:crypto) | web build (Web Crypto) | web / node |",
  "| --- | --- | ---: | ---: | ---: |",
];
for (const [bin, args] of runs) {
  const out = execFileSync(bin, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const { runtime, result } = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
    runtime: string;
    result: Record<string, { node: number; web: number }>;
  };
  for (const [name, { node, web }] of Object.entries(result)) {
    const line = `| ${runtime} | ${name} | ${node} | ${web} | ${(web / node).toFixed(2)} |`;
    console.log(line);
    lines.push(line);
  }
}
writeResultsFile("fetch-builds", `${lines.join("\n")}\n`);
