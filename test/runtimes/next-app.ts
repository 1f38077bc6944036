import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ensureCachedInstall } from "./tool-dir.js";

const ROOT = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/**
 * A built and started Next.js app: examples/nextjs plus the matrix's catch-all routes on the Node runtime
 * (`/matrix/node/…`) and the edge runtime (`/matrix/edge/…`), with the packed core unpacked into it.
 * @example
 * ```ts
 * const next = await startNextApp(coreTarball, "s3cret");
 * await fetch(`http://127.0.0.1:${next.port}/api/argyle`, { method: "POST" });
 * await next.close();
 * ```
 */
export interface NextApp {
  port: number;
  version: string;
  buildSeconds: number;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Builds (`next build`, without the secret) and starts (`next start`, with it) the example app. */
export async function startNextApp(coreTarball: string, secret: string): Promise<NextApp> {
  const { root } = ensureCachedInstall(join(import.meta.dirname, "nextjs.json"));
  // Inside the cache, so next and react resolve from its node_modules without symlinks.
  const app = join(root, "apps", String(process.pid));
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const example = join(ROOT, "examples/nextjs");
  cpSync(join(example, "app"), join(app, "app"), { recursive: true });
  // The example's config, plus the Turbopack root: next and react live in the cache's node_modules, above the app.
  writeFileSync(
    join(app, "next.config.mjs"),
    `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`,
  );
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "matrix-next", private: true, type: "module" }),
  );
  cpSync(join(import.meta.dirname, "vector-app.mjs"), join(app, "vector-app.mjs"));
  cpSync(join(ROOT, "test/conformance/vectors.json"), join(app, "vectors.json"));
  const route = readFileSync(join(import.meta.dirname, "next/route.js"), "utf8");
  for (const runtime of ["node", "edge"]) {
    const dir = join(app, "app/matrix", runtime, "[...path]");
    mkdirSync(dir, { recursive: true });
    const line = runtime === "edge" ? 'export const runtime = "edge";' : 'export const runtime = "nodejs";';
    writeFileSync(join(dir, "route.js"), route.replace("// RUNTIME", line));
  }
  const core = join(app, "node_modules/@argyle-webhooks/core");
  mkdirSync(core, { recursive: true });
  await run("tar", ["-xzf", coreTarball, "-C", core, "--strip-components=1"]);

  const next = join(root, "node_modules/next/dist/bin/next");
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.ARGYLE_WEBHOOK_SECRET; // the build must not need it
  const started = Date.now();
  await run(process.execPath, [next, "build"], {
    cwd: app,
    env,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    rmSync(app, { recursive: true, force: true });
    throw new Error(`next build failed\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  });
  const buildSeconds = (Date.now() - started) / 1000;
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [next, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: app,
      env: { ...env, ARGYLE_WEBHOOK_SECRET: secret },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const close = async () => {
    child.kill("SIGKILL");
    rmSync(app, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/matrix/node/calls/0`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await close();
      throw new Error(`next start did not answer\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const { version } = JSON.parse(readFileSync(join(root, "node_modules/next/package.json"), "utf8")) as {
    version: string;
  };
  return { port, version, buildSeconds, close };
}
