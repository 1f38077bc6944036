/**
 * `tsx ../../scripts/check-tarball.ts`, run in a package folder by its `lint:package` script: packs the package
 * (`npm pack --dry-run --json`) and fails unless the tarball holds exactly what a user needs: package.json,
 * README.md, LICENSE, every file the manifest points at (exports, main, module, types, typesVersions, bin), and
 * nothing outside `dist/` and `bin/` (no sources, tests or configs).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runIfMain, type ScriptIO } from "./run-if-main.js";

interface PackResult {
  name: string;
  files: { path: string }[];
}

/** Every string leaf of a manifest field that looks like a path into the package. */
function targets(value: unknown): string[] {
  if (typeof value === "string") return value.startsWith("./") || value.startsWith("dist/") ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}
/**
 * Checks the tarball of the package in `argv[0]` (default: the current folder); resolves with the exit code (0 ready
 * to publish, 1 problems, printed).
 *
 * @example
 * ```ts
 * const code = await main(["packages/core"], processIO);
 * ```
 */
export function main(argv: string[], io: ScriptIO): number {
  const cwd = argv[0] ?? process.cwd();
  const manifest = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as Record<string, unknown>;
  const [pack] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd, encoding: "utf8" }),
  ) as PackResult[];
  if (!pack) throw new Error("npm pack printed nothing");
  const files = new Set(pack.files.map((f) => f.path));
  const problems: string[] = [];

  for (const required of ["package.json", "README.md", "LICENSE"])
    if (!files.has(required)) problems.push(`${required} is missing from the tarball`);

  const pointed = ["exports", "main", "module", "types", "typesVersions", "bin"].flatMap((field) =>
    targets(manifest[field]),
  );
  for (const target of new Set(pointed)) {
    const path = target.replace(/^\.\//, "");
    if (path.includes("*")) continue;
    if (!files.has(path)) problems.push(`${target} (named in package.json) is not in the tarball`);
  }
  for (const file of files) {
    if (["package.json", "README.md", "LICENSE"].includes(file)) continue;
    if (!file.startsWith("dist/") && !file.startsWith("bin/"))
      problems.push(`${file} should not be published`);
  }
  if (!String(manifest.license ?? "")) problems.push("package.json has no license");
  const repository = manifest.repository as { directory?: unknown } | undefined;
  if (typeof repository?.directory !== "string") problems.push("package.json has no repository.directory");
  for (const field of ["homepage", "bugs"])
    if (!manifest[field]) problems.push(`package.json has no ${field}`);

  if (problems.length > 0) {
    io.stderr.write(`${pack.name}: the tarball is not ready to publish:\n  ${problems.join("\n  ")}\n`);
    return 1;
  }
  io.stdout.write(`${pack.name}: tarball OK (${files.size} files)\n`);
  return 0;
}

await runIfMain(import.meta.url, main);
