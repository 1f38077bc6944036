// The runtime matrix (`npm run test:runtimes`): the conformance vectors against the packed packages on every
// runtime our users deploy to. Fetch handler on Node 20/22/24, Bun, Deno and workerd; node:http, Express 4/5 and
// Koa 2/3 on Node 20/22/24. Runtimes come from npm into a cache outside the repo (see tool-dir.ts).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { build } from "esbuild";
import { type RawRequest, sendRaw } from "../helpers/send-raw.js";
import { type NextApp, startNextApp } from "./next-app.js";
import { checkReadmeTable, type MatrixRow } from "./readme-table.js";
import { ensureToolDir } from "./tool-dir.js";

interface Vector {
  name: string;
  streamOnly?: boolean;
  request: RawRequest;
  expect: { status: number; problem?: string; allow?: string; handlerCalls: string[] };
}

const ROOT = resolve(import.meta.dirname, "../..");
const HERE = import.meta.dirname;
const { vectors } = JSON.parse(readFileSync(join(ROOT, "test/conformance/vectors.json"), "utf8")) as {
  vectors: Vector[];
};
const started = Date.now();
const NEXT_SECRET = "next-example-secret";
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** A receiver to run the vectors against: a port on 127.0.0.1 with `/v/<i>` and `/calls/<i>`. */
interface Target {
  runtime: string;
  version: string;
  adapter: string;
  port: number;
  entry: string;
  /** Path before `/v/<i>` (the Next.js routes live under `/matrix/<runtime>`). */
  prefix?: string;
  /** Why the stream-only vectors (a stalled body) cannot reach this target, if they cannot. */
  wholeBodyOnly?: string;
}

// 1. Runtimes and frameworks (cached).
const toolsStart = Date.now();
const tools = ensureToolDir();
console.log(`runtimes ${tools.installed ? "installed" : "cached"} in ${seconds(toolsStart)} (${tools.root})`);

// 2. What users install: the packed tarballs, unpacked into a throwaway app.
const app = mkdtempSync(join(tmpdir(), "argyle-runtimes-"));
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
const exit = async (code: number) => {
  for (const child of children) child.kill("SIGKILL");
  for (const c of cleanups) await c().catch(() => {});
  rmSync(app, { recursive: true, force: true });
  process.exit(code);
};
process.on("SIGINT", () => void exit(130));

try {
  const packed = JSON.parse(
    execFileSync(
      "npm",
      [
        "pack",
        "--json",
        "--loglevel=error",
        "--pack-destination",
        app,
        "-w",
        "packages/core",
        "-w",
        "packages/express",
        "-w",
        "packages/koa",
      ],
      { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    ),
  ) as { name: string; filename: string }[];
  for (const { name, filename } of packed) {
    const dir = join(app, "node_modules", name);
    mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["-xzf", join(app, filename), "-C", dir, "--strip-components=1"]);
  }
  for (const dep of ["express4", "express5", "koa2", "koa3"])
    symlinkSync(join(tools.modules, dep), join(app, "node_modules", dep), "dir");
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "matrix-app", private: true, type: "module" }),
  );
  for (const file of ["vector-app.mjs", "serve-fetch.mjs", "serve-node.mjs", "worker.mjs"])
    copyFileSync(join(HERE, file), join(app, file));
  copyFileSync(join(ROOT, "test/conformance/vectors.json"), join(app, "vectors.json"));

  // 3. Start every runtime's server.
  const ready = (command: string, args: string[]) =>
    new Promise<{ port?: number; ports?: Record<string, number>; runtime: string; resolved?: string }>(
      (resolvePromise, reject) => {
        const child = spawn(command, args, { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
        children.push(child);
        let out = "";
        let err = "";
        const timer = setTimeout(
          () => reject(new Error(`${command} ${args.join(" ")}: not ready in 60 s\n${err}`)),
          60_000,
        );
        child.stdout?.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const line = /^READY (.*)$/m.exec(out);
          if (line?.[1]) {
            clearTimeout(timer);
            resolvePromise(JSON.parse(line[1]));
          }
        });
        child.stderr?.on("data", (chunk: Buffer) => {
          err += chunk.toString();
        });
        child.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`${command} ${args.join(" ")} exited ${code}\n${out}${err}`));
        });
      },
    );

  const nodes: [string, string][] = [
    ["node20", process.execPath],
    ["node22", tools.node22],
    ["node24", tools.node24],
  ];
  const startWorkerd = async () => {
    const bundle = await build({
      absWorkingDir: app,
      entryPoints: ["worker.mjs"],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      logLevel: "error",
    });
    const script = bundle.outputFiles[0]?.text ?? "";
    const { Miniflare } = (await import(
      pathToFileURL(join(tools.modules, "miniflare/dist/src/index.js")).href
    )) as {
      Miniflare: new (options: Record<string, unknown>) => { ready: Promise<URL>; dispose(): Promise<void> };
    };
    // No nodejs_compat flag: the bundle must run on workerd's Web APIs alone.
    const mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: "2025-09-01",
      host: "127.0.0.1",
      port: 0,
    });
    cleanups.push(() => mf.dispose());
    const url = await mf.ready;
    const versions = JSON.parse(readFileSync(join(tools.modules, "workerd/package.json"), "utf8")) as {
      version: string;
    };
    return {
      port: Number(url.port),
      runtime: `workerd ${versions.version}`,
      nodeImports: /(from|import\(|require\()\s*["']node:/.test(script),
    };
  };

  // Next.js builds while the other servers start and run (ARGYLE_MATRIX_NEXT=0 skips it).
  const coreTarball = join(app, packed.find((p) => p.name === "@argyle-webhooks/core")?.filename ?? "");
  const nextStart = Date.now();
  const nextApp: Promise<NextApp | undefined> =
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this runner, not by a turbo task
    process.env.ARGYLE_MATRIX_NEXT === "0"
      ? Promise.resolve(undefined)
      : startNextApp(coreTarball, NEXT_SECRET);
  nextApp.catch(() => {});
  const startAll = Date.now();
  const deno = (build: string[]) =>
    ready(tools.deno, ["run", "--allow-net=127.0.0.1", "--allow-read=.", "serve-fetch.mjs", ...build]);
  const [fetchServers, webServers, nodeServers, fetchElsewhere, workerd] = await Promise.all([
    Promise.all(nodes.map(([, bin]) => ready(bin, ["serve-fetch.mjs"]))),
    Promise.all(nodes.map(([, bin]) => ready(bin, ["serve-fetch.mjs", "web"]))),
    Promise.all(nodes.map(([, bin]) => ready(bin, ["serve-node.mjs"]))),
    Promise.all([
      ready(tools.bun, ["serve-fetch.mjs"]),
      ready(tools.bun, ["serve-fetch.mjs", "web"]),
      deno([]),
      deno(["web"]),
    ]),
    startWorkerd(),
  ]);
  console.log(`servers ready in ${seconds(startAll)}`);

  const entry = (resolved: string | undefined) =>
    resolved?.includes("/dist/web/") ? "web build" : resolved ? "node build" : "?";
  const targets: Target[] = [];
  nodes.forEach((_, i) => {
    const f = fetchServers[i];
    const w = webServers[i];
    const n = nodeServers[i];
    if (!f || !w || !n) return;
    const [runtime = "node", version = ""] = f.runtime.split(" ");
    targets.push({ runtime, version, adapter: "fetch", port: f.port ?? 0, entry: entry(f.resolved) });
    targets.push({
      runtime,
      version,
      adapter: "fetch (web build)",
      port: w.port ?? 0,
      entry: entry(w.resolved),
    });
    for (const [adapter, port] of Object.entries(n.ports ?? {}))
      targets.push({ runtime, version, adapter, port, entry: "node build" });
  });
  for (const s of fetchElsewhere) {
    const [runtime = "", version = ""] = s.runtime.split(" ");
    const adapter = s.resolved?.includes("/dist/web/") ? "fetch (web build)" : "fetch";
    targets.push({ runtime, version, adapter, port: s.port ?? 0, entry: entry(s.resolved) });
  }
  const [, workerdVersion = ""] = workerd.runtime.split(" ");
  if (workerd.nodeImports) throw new Error("the workerd bundle imports a node: module");
  targets.push({
    runtime: "workerd",
    version: workerdVersion,
    adapter: "fetch",
    port: workerd.port,
    entry: "web build",
  });

  // 4. The vectors against every target (a few targets at a time; each target's vectors in order).
  const failures: string[] = [];
  const skipped: string[] = [];
  const rows: MatrixRow[] = [];
  const runTarget = async (t: Target) => {
    let passed = 0;
    let total = 0;
    for (const [i, vector] of vectors.entries()) {
      if (vector.streamOnly && t.wholeBodyOnly) {
        skipped.push(`${t.runtime} ${t.version} ${t.adapter}: ${vector.name} (${t.wholeBodyOnly})`);
        continue;
      }
      total++;
      const label = `${t.runtime} ${t.version} ${t.adapter}: ${vector.name}`;
      try {
        const response = await sendRaw(t.port, `${t.prefix ?? ""}/v/${i}`, vector.request);
        const calls = await fetch(`http://127.0.0.1:${t.port}${t.prefix ?? ""}/calls/${i}`).then(
          (r) => r.json() as Promise<string[]>,
        );
        const type = String(response.headers["content-type"] ?? "");
        const problem = type.startsWith("application/problem+json")
          ? (JSON.parse(response.body) as { type: string }).type
          : undefined;
        const allow = response.headers.allow as string | undefined;
        const seen = {
          status: response.status,
          ...(problem ? { problem } : {}),
          ...(allow ? { allow } : {}),
          handlerCalls: calls,
        };
        if (isDeepStrictEqual(seen, vector.expect)) passed++;
        else
          failures.push(
            `${label}\n    expected ${JSON.stringify(vector.expect)}\n    got      ${JSON.stringify(seen)} ${response.body.slice(0, 300)}`,
          );
      } catch (error) {
        failures.push(`${label}\n    ${(error as Error).message}`);
      }
    }
    rows.push({ ...t, passed, total });
  };
  const vectorsStart = Date.now();
  const queue = [...targets];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) await runTarget(t);
    }),
  );
  console.log(`vectors run in ${seconds(vectorsStart)}`);

  // 4b. Next.js: the vectors through App Router route handlers on both runtimes, and the example's own routes
  // (built without the secret, which they read at request time).
  try {
    const next = await nextApp;
    if (next) {
      cleanups.push(next.close);
      console.log(
        `next ${next.version}: built and started in ${seconds(nextStart)} (next build ${next.buildSeconds.toFixed(1)} s)`,
      );
      const nextTargets: Target[] = [
        {
          runtime: "next",
          version: next.version,
          adapter: "App Router, Node runtime",
          port: next.port,
          entry: "node build",
          prefix: "/matrix/node",
        },
        {
          runtime: "next",
          version: next.version,
          adapter: "App Router, edge runtime",
          port: next.port,
          entry: "web build",
          prefix: "/matrix/edge",
          // Observed: a stalled body never reaches the edge route under next start (no answer from Next.js).
          wholeBodyOnly:
            "a stalled body got no answer from next start's edge runtime; the Node runtime route answers 408",
        },
      ];
      targets.push(...nextTargets);
      await Promise.all(nextTargets.map(runTarget));
      const body = vectors[0]?.request.body ?? "";
      const signature = createHmac("sha512", NEXT_SECRET).update(body).digest("hex");
      let passed = 0;
      for (const path of ["/api/argyle", "/api/argyle-edge"]) {
        for (const [sig, status] of [
          [signature, 200],
          [undefined, 401],
        ] as const) {
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (sig) headers["x-argyle-signature"] = sig;
          const response = await sendRaw(next.port, path, { method: "POST", headers, body });
          if (response.status === status) passed++;
          else
            failures.push(
              `examples/nextjs ${path} ${sig ? "signed" : "unsigned"}: expected ${status}, got ${response.status} ${response.body.slice(0, 300)}`,
            );
        }
      }
      const example = {
        runtime: "next",
        version: next.version,
        adapter: "examples/nextjs routes",
        port: -1,
        entry: "both",
        passed,
        total: 4,
      };
      targets.push(example);
      rows.push(example);
    }
  } catch (error) {
    failures.push(`next.js: ${(error as Error).message}`);
  }
  console.log("");

  // 5. Report, and the README's table must say the same.
  const order = (r: MatrixRow) =>
    targets.findIndex((t) => t.runtime === r.runtime && t.version === r.version && t.adapter === r.adapter);
  rows.sort((a, b) => order(a) - order(b));
  console.log("| runtime | adapter | entry | vectors |\n| --- | --- | --- | --- |");
  for (const r of rows)
    console.log(`| ${r.runtime} ${r.version} | ${r.adapter} | ${r.entry} | ${r.passed}/${r.total} |`);
  for (const f of skipped) console.log(`\nSKIP ${f}`);
  for (const f of failures) console.log(`\nFAIL ${f}`);
  const readme = checkReadmeTable(join(ROOT, "README.md"), rows, process.argv.includes("--write-readme"));
  if (readme) failures.push(readme);
  if (readme) console.log(`\nFAIL ${readme}`);
  const passed = rows.reduce((n, r) => n + r.passed, 0);
  console.log(`\nruntime matrix: ${rows.length} targets, wall time ${seconds(started)}`);
  console.log(`${passed} passed, ${failures.length} failed, ${skipped.length} skipped`);
  await exit(failures.length === 0 ? 0 : 1);
} catch (error) {
  console.error(error);
  await exit(1);
}
