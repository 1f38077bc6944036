/**
 * `npm run check:packages` (part of `npm test`, after the build): every package's tarball is ready to publish.
 *
 * One `npm pack` for all packages (into a scratch folder under the system temp dir, removed afterwards), then per
 * tarball, in this one process and all at once:
 *   - publint, strict (warnings fail too), on the packed files;
 *   - Are the Types Wrong: every entry point resolves to the right types under node10, node16 (CJS and ESM) and
 *     bundler resolution, with no problem ignored (the CLI's `strict` profile);
 *   - our own rules (scripts/packages/tarball-problems.ts).
 * Exit 0 when every package passes, 1 otherwise, with each problem named.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { problemKindInfo } from "@arethetypeswrong/core/problems";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { tarballProblems } from "./packages/tarball-problems.js";
import { runIfMain, type ScriptIO } from "./run-if-main.js";

const root = resolve(import.meta.dirname, "..");

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

/** The problems of one packed package, from all three checks. */
async function problemsOf(packed: Packed, tarball: Uint8Array, directory: string): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const problems = tarballProblems(manifest, new Set(packed.files.map((f) => f.path)));

  // With a tarball, publint reads the packed files under the tarball's own root folder, `package/`.
  const lint = await publint({ pkgDir: "package", pack: { tarball: tarball.slice().buffer }, strict: true });
  for (const message of lint.messages)
    if (message.type === "error")
      problems.push(`publint: ${formatMessage(message, lint.pkg, { color: false }) ?? message.code}`);

  const analysis = await checkPackage(createPackageFromTarballData(tarball));
  if (!analysis.types) problems.push("Are the Types Wrong: the package has no types");
  else
    for (const problem of analysis.problems) {
      const where = [
        "entrypoint" in problem ? problem.entrypoint : undefined,
        "resolutionKind" in problem ? problem.resolutionKind : undefined,
      ].filter(Boolean);
      problems.push(
        `Are the Types Wrong: ${problemKindInfo[problem.kind].title}${where.length ? ` (${where.join(", ")})` : ""}`,
      );
    }
  return problems;
}

/**
 * Checks the package folders in `argv` (default: every folder under packages/); resolves with the exit code (0 all
 * ready to publish, 1 problems, printed).
 *
 * @example
 * ```ts
 * const code = await main(["packages/core"], processIO);
 * ```
 */
export async function main(argv: string[], io: ScriptIO): Promise<number> {
  const started = performance.now();
  const directories = (
    argv.length > 0 ? argv : readdirSync(join(root, "packages")).map((name) => join("packages", name))
  ).map((d) => resolve(root, d));
  const scratch = mkdtempSync(join(tmpdir(), "argyle-packages-"));
  try {
    const packs = JSON.parse(
      execFileSync(
        "npm",
        ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch, ...directories],
        { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      ),
    ) as Packed[];
    const byName = new Map(
      directories.map((d) => [
        (JSON.parse(readFileSync(join(d, "package.json"), "utf8")) as { name: string }).name,
        d,
      ]),
    );
    const results = await Promise.all(
      packs.map(async (packed) => {
        const tarball = new Uint8Array(readFileSync(join(scratch, packed.filename)));
        const directory = byName.get(packed.name);
        if (!directory) throw new Error(`npm pack printed a package it was not given: ${packed.name}`);
        return { packed, problems: await problemsOf(packed, tarball, directory) };
      }),
    );
    let failed = 0;
    for (const { packed, problems } of results) {
      if (problems.length === 0) {
        io.stdout.write(`ok    ${packed.name} (${packed.files.length} files)\n`);
        continue;
      }
      failed++;
      io.stderr.write(`FAIL  ${packed.name}: not ready to publish:\n  ${problems.join("\n  ")}\n`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (failed > 0) {
      io.stderr.write(`check:packages: ${failed} of ${results.length} packages failed (${seconds} s)\n`);
      return 1;
    }
    io.stdout.write(`check:packages: all ${results.length} packages ready to publish (${seconds} s)\n`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, main);
