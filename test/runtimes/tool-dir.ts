import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Paths of the installed runtimes and frameworks the matrix runs. */
export interface ToolDir {
  root: string;
  node22: string;
  node24: string;
  bun: string;
  deno: string;
  /** `node_modules` holding express4/5, koa2/3 and miniflare. */
  modules: string;
  /** Whether this call installed (cold) or found the cache (warm). */
  installed: boolean;
}

/**
 * Installs the `dependencies` of a spec file (such as runtimes.json) once into a cache directory keyed by the
 * file's content, platform and architecture; returns that directory.
 * @example
 * ```ts
 * const { root } = ensureCachedInstall("test/runtimes/nextjs.json");
 * ```
 */
export function ensureCachedInstall(specFile: string): { root: string; installed: boolean } {
  const spec = readFileSync(specFile, "utf8");
  const { dependencies } = JSON.parse(spec) as { dependencies: Record<string, string> };
  const hash = createHash("sha256").update(spec).update(process.platform).update(process.arch).digest("hex");
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by the matrix runner, not by a turbo task
  const base = process.env.ARGYLE_RUNTIMES_CACHE ?? join(homedir(), ".cache", "argyle-webhooks-runtimes");
  const root = join(base, hash.slice(0, 16));
  const marker = join(root, ".complete");
  if (existsSync(marker)) return { root, installed: false };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, "package.json"),
    `${JSON.stringify({ name: "argyle-webhooks-runtimes", private: true, type: "module", dependencies }, null, 2)}\n`,
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock"], {
    cwd: root,
    stdio: "inherit",
  });
  writeFileSync(marker, new Date().toISOString());
  return { root, installed: true };
}

function firstExisting(paths: string[]): string {
  const found = paths.find((p) => existsSync(p));
  if (!found) throw new Error(`runtime binary not found; looked at ${paths.join(", ")}`);
  return found;
}

const SPEC = resolve(import.meta.dirname, "runtimes.json");

/**
 * Installs the matrix's runtimes (Node 22/24, Bun, Deno, workerd through miniflare) and frameworks once, in
 * `$ARGYLE_RUNTIMES_CACHE` or `~/.cache/argyle-webhooks-runtimes/<hash of runtimes.json>`, never in the repo.
 * @example
 * ```ts
 * const tools = ensureToolDir();
 * execFileSync(tools.bun, ["--version"]);
 * ```
 */
export function ensureToolDir(): ToolDir {
  const { root, installed } = ensureCachedInstall(SPEC);
  const modules = join(root, "node_modules");
  return {
    root,
    node22: join(modules, "node22", "bin", "node"),
    node24: join(modules, "node24", "bin", "node"),
    // Bun's install script (when npm runs it) moves its binary from the platform package into bun/bin.
    bun: firstExisting([
      join(modules, "@oven", "bun-linux-x64", "bin", "bun"),
      join(modules, "bun", "bin", "bun.exe"),
    ]),
    deno: firstExisting([
      join(modules, "@deno", "linux-x64-glibc", "deno"),
      join(modules, "deno", "bin", "deno"),
    ]),
    modules,
    installed,
  };
}
