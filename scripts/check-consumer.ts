/**
 * `npm run check:consumer`: installs the packed packages the way a user does and runs the README's quickstarts.
 *
 * Packs core, express, koa, testing and client with `npm pack` (after `npm run build`), installs the tarballs
 * with express, koa and their types into a scratch folder under the system temp dir (`npm install --prefer-offline`,
 * so the npm cache serves what it has), and then, in three projects sharing that install:
 *   - `esm`:     "type": "module", TypeScript `module: nodenext`
 *   - `cjs`:     "type": "commonjs", TypeScript `module: commonjs` (node10 resolution, as older Express apps use),
 *                plus a plain `require()` script
 *   - `bundler`: "type": "module", TypeScript `module: esnext`, `moduleResolution: bundler`
 * type-checks and compiles the README's Express, Koa, node:http and Next.js quickstarts (taken from README.md, with
 * `listen(3000)` turned into an ephemeral port and a self-test that sends a signed delivery), runs each with node
 * and expects 200. The compiles are `tsc -p` of each project, in this process (scripts/packages/project-compiler.ts). The testing kit's "From code" block runs too where top-level await exists (esm, bundler).
 * Exit 0 when all pass; the scratch folder is removed either way (`--keep` keeps it).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { codeBlocks } from "../test/docs/markdown-blocks.js";
import { createProjectCompiler } from "./packages/project-compiler.js";
import { processIO, runIfMain, type ScriptIO } from "./run-if-main.js";

const root = resolve(import.meta.dirname, "..");
const PACKAGES = ["core", "express", "koa", "testing", "client"];
const SECRET = "whsec-consumer-check";
/** The run in progress: set by {@link main}. */
let io: ScriptIO = processIO;
let scratch = "";
let failures: string[] = [];

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function step<T>(name: string, fn: () => T): T | undefined {
  const t = performance.now();
  try {
    const out = fn();
    io.stdout.write(`ok    ${name} (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
    return out;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const detail = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || e.message;
    io.stderr.write(`FAIL  ${name}\n${detail.replace(/^/gm, "      ")}\n`);
    failures.push(name);
    return undefined;
  }
}

const installedVersion = (name: string) =>
  (
    JSON.parse(readFileSync(resolve(root, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

/** The README block whose code contains `marker`. */
function readmeBlock(marker: string): string {
  const block = codeBlocks(resolve(root, "README.md")).find(
    (b) => b.lang === "ts" && b.code.includes(marker),
  );
  if (!block) throw new Error(`README.md has no ts block containing ${JSON.stringify(marker)}`);
  return block.code;
}

/** Turns `app.listen(3000)` into an ephemeral port on 127.0.0.1 whose server self-tests and closes. */
function listenEphemerally(code: string, event: string): string {
  const out = code
    .replace(/\bapp\.listen\(3000\);/, 'const server = app.listen(0, "127.0.0.1");')
    .replace(
      /^createServer\((.*)\)\.listen\(3000\);/m,
      'const server = createServer($1).listen(0, "127.0.0.1");',
    );
  if (!out.includes("const server =")) throw new Error(`no listen(3000) to rewrite in:\n${code}`);
  return `${out}\nserver.on("listening", () => void selfTest(server, ${JSON.stringify(event)}));\n`;
}

const SELF_TEST = `import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDelivery, sendDelivery } from "@argyle-webhooks/testing";
import type { ArgyleWebhookEventName } from "@argyle-webhooks/core";

/** Sends a signed example of \`event\` to the server's /webhooks/argyle, expects 200, closes the server. */
export async function selfTest(server: Server, event: ArgyleWebhookEventName): Promise<void> {
  const { port } = server.address() as AddressInfo;
  const delivery = createDelivery(event, { secret: process.env.ARGYLE_WEBHOOK_SECRET ?? null });
  const result = await sendDelivery(\`http://127.0.0.1:\${port}/webhooks/argyle\`, delivery);
  server.close();
  if (result.status !== 200) {
    console.error(\`\${event}: expected 200, got \${result.status} \${result.body}\`);
    process.exitCode = 1;
  } else console.log(\`\${event}: 200\`);
}
`;

const SELF_TEST_FETCH = `
// Self-test of the route module: a signed delivery through POST.
import { createDelivery as __createDelivery } from "@argyle-webhooks/testing";
const __delivery = __createDelivery("users.fully_synced", { secret: process.env.ARGYLE_WEBHOOK_SECRET ?? null });
void POST(
  new Request("https://example.com/api/argyle", {
    method: "POST",
    headers: __delivery.headers as Record<string, string>,
    body: __delivery.body,
  }),
).then((response) => {
  if (response.status !== 200) process.exitCode = 1;
  console.log(\`next route: \${response.status}\`);
});
`;

function quickstarts(topLevelAwait: boolean): Record<string, string> {
  const files: Record<string, string> = {
    "self-test.ts": SELF_TEST,
    "express-quickstart.ts": `import { selfTest } from "./self-test.js";
const queue = { add: async (_name: string, _data: unknown) => undefined };
${listenEphemerally(readmeBlock('from "@argyle-webhooks/express"'), "gigs.partially_synced")}`,
    "koa-quickstart.ts": `import { selfTest } from "./self-test.js";
${listenEphemerally(readmeBlock('from "@argyle-webhooks/koa"'), "paystubs.partially_synced")}`,
    "node-http-quickstart.ts": `import { selfTest } from "./self-test.js";
const secret = process.env.ARGYLE_WEBHOOK_SECRET as string;
const handlers = {};
${listenEphemerally(readmeBlock('from "@argyle-webhooks/core/node"'), "users.fully_synced")}`,
    "next-route.ts": `${readmeBlock("app/api/argyle/route.ts")}\n${SELF_TEST_FETCH}`,
    // Every subpath resolves its types (TS2307 under module: commonjs before typesVersions).
    "subpaths.ts": `import { ArgyleWebhooks, signArgylePayload } from "@argyle-webhooks/core";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { createFetchHandler } from "@argyle-webhooks/core/fetch";
import { signArgylePayloadWeb } from "@argyle-webhooks/core/web-crypto";
import { validators } from "@argyle-webhooks/core/validators";
import { createArgyleClient } from "@argyle-webhooks/client";
const checks: unknown[] = [ArgyleWebhooks, signArgylePayload, createNodeHandler, createFetchHandler, signArgylePayloadWeb, validators, createArgyleClient];
if (checks.some((c) => c === undefined)) process.exitCode = 1;
void signArgylePayloadWeb("{}", "a-secret").then((hex) => {
  if (hex !== signArgylePayload("{}", "a-secret")) process.exitCode = 1;
  console.log("subpaths: ok");
});
`,
  };
  if (topLevelAwait) {
    files["testing-from-code.ts"] = `import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeHandler as __handler } from "@argyle-webhooks/core/node";
const __server = createServer(__handler({ secret: process.env.ARGYLE_WEBHOOK_SECRET, path: "/webhooks/argyle" }));
await new Promise<void>((resolve) => __server.listen(0, "127.0.0.1", resolve));
const __url = \`http://127.0.0.1:\${(__server.address() as AddressInfo).port}/webhooks/argyle\`;
${readmeBlock("const result = await sendDelivery(").replace('"http://127.0.0.1:3000/webhooks/argyle"', "__url")}
__server.close();
if (result.status !== 200) process.exitCode = 1;
`;
  }
  return files;
}

const PROJECTS = [
  {
    name: "esm",
    type: "module",
    compilerOptions: { module: "nodenext", moduleResolution: "nodenext" },
    tla: true,
  },
  {
    name: "cjs",
    type: "commonjs",
    compilerOptions: { module: "commonjs", moduleResolution: "node10" },
    tla: false,
  },
  {
    name: "bundler",
    type: "module",
    compilerOptions: { module: "esnext", moduleResolution: "bundler" },
    tla: true,
  },
] as const;

/**
 * `npm run check:consumer` (`--keep` keeps the scratch folder); resolves with the exit code (0 every step passed, 1
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
  scratch = mkdtempSync(join(tmpdir(), "argyle-consumer-"));
  try {
    const tarballs = step("npm pack the packages", () => {
      const dir = join(scratch, "tarballs");
      mkdirSync(dir);
      run(
        "npm",
        ["pack", "--pack-destination", dir, "--silent", ...PACKAGES.map((p) => `-w=packages/${p}`)],
        root,
      );
      return readdirSync(dir).map((f) => join(dir, f));
    });
    if (!tarballs) throw new Error("packing failed");
    const project = join(scratch, "app");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer-check", private: true }));
    step(`npm install the ${tarballs.length} tarballs + express, koa and types`, () =>
      run(
        "npm",
        [
          "install",
          "--prefer-offline",
          "--no-audit",
          "--no-fund",
          "--ignore-scripts",
          ...tarballs,
          `express@${installedVersion("express")}`,
          `koa@${installedVersion("koa")}`,
          `@types/express@${installedVersion("@types/express")}`,
          `@types/koa@${installedVersion("@types/koa")}`,
          `@types/node@${installedVersion("@types/node")}`,
        ],
        project,
      ),
    );
    // `tsc -p <project>` for each project, in this process: the three programs parse the libs and declarations once.
    const compiler = createProjectCompiler();
    for (const p of PROJECTS) {
      const dir = join(project, p.name);
      mkdirSync(join(dir, "src"), { recursive: true });
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: p.type }));
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            ...p.compilerOptions,
            target: "es2022",
            lib: ["es2023", "dom"],
            strict: true,
            esModuleInterop: true,
            skipLibCheck: true, // as `tsc --init` sets it (@types/koa does not check against current content-disposition)
            types: ["node"],
            outDir: "dist",
            rootDir: "src",
          },
          include: ["src"],
        }),
      );
      const files = quickstarts(p.tla);
      for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, "src", name), code);
      const built = step(`${p.name}: tsc (${JSON.stringify(p.compilerOptions)})`, () => {
        compiler.compile(dir);
        return true;
      });
      if (built === undefined) continue;
      for (const name of Object.keys(files).filter((f) => f !== "self-test.ts")) {
        const js = name.replace(/\.ts$/, ".js");
        step(`${p.name}: node dist/${js}`, () =>
          run(process.execPath, [join("dist", js)], dir, { ARGYLE_WEBHOOK_SECRET: SECRET }),
        );
      }
    }
    const cjs = join(project, "cjs");
    writeFileSync(
      join(cjs, "plain.cjs"),
      `const { argyleWebhooks } = require("@argyle-webhooks/express");
const { createNodeHandler } = require("@argyle-webhooks/core/node");
const { createDelivery } = require("@argyle-webhooks/testing");
if (typeof argyleWebhooks({ secret: "a-secret" }) !== "function" || typeof createNodeHandler({ secret: "a-secret" }) !== "function") process.exit(1);
if (!createDelivery("gigs.updated", { secret: "a-secret" }).headers["x-argyle-signature"]) process.exit(1);
console.log("plain require(): ok");
`,
    );
    step("cjs: node plain.cjs (require() without TypeScript)", () =>
      run(process.execPath, ["plain.cjs"], cjs),
    );
    step("installed bin: npx argyle-webhooks events (from the tarball, offline)", () => {
      const out = run("npx", ["--no-install", "argyle-webhooks", "events", "gigs.*"], project);
      if (!out.includes("onGigsPartiallySynced")) throw new Error(out);
    });
    // The subscriptions command loads the installed client by name; without credentials it stops after that (exit 2).
    // It runs the link npx ran above (node_modules/.bin/argyle-webhooks) directly: the same bin, without npx's start.
    step(
      "installed bin: node_modules/.bin/argyle-webhooks subscriptions list (loads the installed client)",
      () => {
        const env = { ...process.env, ARGYLE_API_KEY_ID: "", ARGYLE_API_KEY_SECRET: "" };
        const bin = join(project, "node_modules", ".bin", "argyle-webhooks");
        const out = spawnSync(bin, ["subscriptions", "list"], { cwd: project, encoding: "utf8", env });
        if (out.status !== 2 || !out.stderr.includes("Set ARGYLE_API_KEY_ID and ARGYLE_API_KEY_SECRET"))
          throw new Error(`exit ${out.status}: ${out.stdout}${out.stderr}`);
      },
    );
  } finally {
    if (keep) io.stdout.write(`kept ${scratch}\n`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    io.stderr.write(
      `check:consumer: ${failures.length} step(s) failed (${seconds} s): ${failures.join("; ")}\n`,
    );
    return 1;
  }
  io.stdout.write(`check:consumer: every step passed (${seconds} s)\n`);
  return 0;
}

await runIfMain(import.meta.url, main);
