/**
 * Our own publishing rules for one package's tarball, beside publint's and Are the Types Wrong's: it holds exactly
 * what a user needs (package.json, README.md, LICENSE, every file the manifest points at: exports, main, module,
 * types, typesVersions, bin) and nothing outside `dist/` and `bin/` (no sources, tests or configs), and the
 * manifest names its license, repository directory, homepage and bugs.
 */

/** Every string leaf of a manifest field that looks like a path into the package. */
function targets(value: unknown): string[] {
  if (typeof value === "string") return value.startsWith("./") || value.startsWith("dist/") ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

/**
 * What keeps the tarball from being published: one line per problem, none when it is ready.
 *
 * @example
 * ```ts
 * tarballProblems({ name: "x", main: "./dist/index.js" }, new Set(["package.json"]));
 * // ["README.md is missing from the tarball", "LICENSE is missing …", "./dist/index.js (named in package.json) is not in the tarball", …]
 * ```
 */
export function tarballProblems(manifest: Record<string, unknown>, files: ReadonlySet<string>): string[] {
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
  return problems;
}
