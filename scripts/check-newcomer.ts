/**
 * `npm run check:newcomer`: what a new contributor does first, in a fresh clone of this repository's committed
 * HEAD under the system temp dir:
 *   1. `npm ci && npm run demo` (npm ci with --prefer-offline, so the npm cache serves what it has);
 *   2. every shell line of README.md's sh blocks that can run offline and in seconds, verbatim through bash, in the
 *      clone, each expected to exit 0, with only these substitutions: `http://localhost:3000` becomes a receiver
 *      this script runs (core's node:http handler, secret `s3cret`), `<hex>` the signature of body.json with the
 *      line's last --secret, `[--secret s3cret]` the option itself; `overrides.json` and `captured.jsonl` are
 *      created first, and ARGYLE_WEBHOOK_SECRET=s3cret is set.
 * Lines that need the network, run for minutes, or change git are listed as skipped, each with the reason and
 * the test that covers it instead. The clone is removed at the end (`--keep` keeps it).
 */
import { execFileSync, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { codeBlocks } from "../test/docs/markdown-blocks.js";
import { processIO, runIfMain, type ScriptIO } from "./run-if-main.js";

const root = resolve(import.meta.dirname, "..");
const SECRET = "s3cret";
/** The run in progress: set by {@link main}. */
let io: ScriptIO = processIO;
let clone = "";
let failures: string[] = [];

/** Lines not run here, with why and what covers them instead. */
const SKIP: [RegExp, string][] = [
  [/^npm ci( && npm run demo)?(\s|$)/, "ran first"],
  [/^npm run demo\b/, "ran first"],
  [/^npm test\b/, "the whole suite, which runs this check's siblings; CI runs it"],
  [
    /^npm install\b/,
    "installs from the registry: npm run check:consumer installs the packed tarballs instead",
  ],
  [/^npx -p\b/, "fetches the published package from the registry"],
  [
    /argyle-webhooks subscriptions\b/,
    "calls Argyle's API: test/client/subscriptions-cli*.test.ts run it against a fake",
  ],
  [/specs:pull\b/, "fetches Argyle's docs: test/specs/pull.test.ts runs it against a local docs server"],
  [
    /^npm run (fuzz|load|soak|stall|bench)\b/,
    "runs for minutes: test/robustness/*.test.ts run short versions",
  ],
  [/^npx changeset\b/, "interactive"],
  [/^npm run check:newcomer\b/, "this check"],
  [/^npm run check:consumer\b/, "npm test runs it (scripts/check-consumer.ts)"],
  [/^git (add|commit)\b/, "commits"],
];

function logLines(text: string): string {
  return text.trim().replace(/^/gm, "      ");
}

/** Runs `line` through bash in the clone (asynchronously: the receiver lives in this process). */
function sh(line: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn("bash", ["-c", line], {
      cwd: clone,
      env: { ...process.env, ARGYLE_WEBHOOK_SECRET: SECRET, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), 300_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, out });
    });
  });
}

async function check(name: string, line: string): Promise<void> {
  const t = performance.now();
  const { code, out } = await sh(line);
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  if (code === 0) io.stdout.write(`ok    ${name} (${seconds} s)\n`);
  else {
    io.stderr.write(
      `FAIL  ${name}: exit ${code} (${seconds} s)\n${logLines(out.split("\n").slice(-30).join("\n"))}\n`,
    );
    failures.push(name);
  }
}

/** README shell lines, backslash continuations joined, blank lines dropped. */
function readmeShellLines(): string[] {
  return codeBlocks(resolve(root, "README.md"))
    .filter((b) => b.lang === "sh")
    .flatMap((b) => b.code.replace(/\\\n\s*/g, " ").split("\n"))
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/**
 * `npm run check:newcomer` (`--keep` keeps the clone); resolves with the exit code (0 every line passed, 1
 * otherwise).
 *
 * @example
 * ```ts
 * const code = await main([], processIO);
 * ```
 */
export async function main(argv: string[], scriptIO: ScriptIO): Promise<number> {
  io = scriptIO;
  failures = [];
  const keep = argv.includes("--keep");
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), "argyle-newcomer-"));
  clone = join(scratch, "argyle-webhooks");
  let server: Server | undefined;
  try {
    execFileSync("git", ["clone", "--quiet", root, clone]);
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: clone,
      encoding: "utf8",
    }).trim();
    io.stdout.write(`fresh clone of ${head} in ${clone}\n`);
    await check("npm ci", "npm ci --prefer-offline --no-audit --no-fund");
    await check("npm run demo", "npm run demo");
    if (failures.length > 0) throw new Error("the clone does not build");

    // A receiver for the lines that send to http://localhost:3000/webhooks/argyle.
    const { createNodeHandler } = (await import(
      pathToFileURL(join(clone, "packages/core/dist/node.js")).href
    )) as typeof import("@argyle-webhooks/core/node");
    server = createServer(createNodeHandler({ secret: SECRET, path: "/webhooks/argyle", logger: false }));
    await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    writeFileSync(join(clone, "overrides.json"), JSON.stringify({ name: "newcomer-check" }));
    const example = await sh("npx argyle-webhooks example users.fully_synced --compact");
    writeFileSync(join(clone, "captured.jsonl"), `${example.out.trim()}\n`);

    const ran = new Set<string>();
    for (const line of readmeShellLines()) {
      const bare = line.replace(/\s+#.*$/, "");
      if (ran.has(bare)) continue; // the same command again (npm run codegen appears twice)
      ran.add(bare);
      const skip = SKIP.find(([pattern]) => pattern.test(line));
      if (skip) {
        io.stdout.write(`skip  ${line}\n      (${skip[1]})\n`);
        continue;
      }
      let command = line.replaceAll("http://localhost:3000", base).replace(/\[(--secret \S+)\]/g, "$1");
      if (command.includes("<hex>")) {
        const secrets = [...command.matchAll(/--secret (\S+)/g)].map((m) => m[1] as string);
        const body = readFileSync(join(clone, "body.json"));
        const signature = createHmac("sha512", secrets.at(-1) ?? SECRET)
          .update(body)
          .digest("hex");
        command = command.replaceAll("<hex>", signature);
      }
      await check(line, command);
    }
  } catch (error) {
    if (failures.length === 0) failures.push((error as Error).message);
    io.stderr.write(`FAIL  ${(error as Error).message}\n`);
  } finally {
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (keep) io.stdout.write(`kept ${clone}\n`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    io.stderr.write(
      `check:newcomer: ${failures.length} failed (${seconds} s):\n  ${failures.join("\n  ")}\n`,
    );
    return 1;
  }
  io.stdout.write(`check:newcomer: every README line that runs offline exited 0 (${seconds} s)\n`);
  return 0;
}

await runIfMain(import.meta.url, main);
