import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Bump, highestBump, type SpecChange } from "./diff-manifests.js";
import { formatChange } from "./format-changes.js";

const CORE = "@argyle-webhooks/core";

/**
 * Packages whose public API follows from the specs, with their bump.
 * - `@argyle-webhooks/core` holds the generated types, validators, examples and registry: every change.
 * - `@argyle-webhooks/testing` re-exposes core's event list and examples (CLI `send <event>`): events added or removed.
 * - `@argyle-webhooks/client` types subscription requests (event names, `config`): events added or removed and config changes.
 * testing and client are listed only when their package.json depends on core (they re-export its types);
 * otherwise changesets' own dependency bumps are enough.
 *
 * @example
 * affectedPackages(changes, process.cwd()) // -> { "@argyle-webhooks/core": "major", "@argyle-webhooks/client": "major" }
 */
export function affectedPackages(changes: readonly SpecChange[], root: string): Record<string, Bump> {
  const out: Record<string, Bump> = {};
  const core = highestBump(changes);
  if (!core) return out;
  out[CORE] = core;
  const eventLevel = changes.filter((c) => c.kind === "event-added" || c.kind === "event-removed");
  const subscription = changes.filter(
    (c) => c.kind === "event-added" || c.kind === "event-removed" || c.kind === "config",
  );
  for (const [dir, relevant] of [
    ["testing", eventLevel],
    ["client", subscription],
  ] as const) {
    const bump = highestBump(relevant);
    const manifestPath = join(root, "packages", dir, "package.json");
    if (!bump || !existsSync(manifestPath)) continue;
    const pkg = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      name?: string;
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    if (pkg.name && (pkg.dependencies?.[CORE] || pkg.peerDependencies?.[CORE])) out[pkg.name] = bump;
  }
  return out;
}

/**
 * A changeset (`.changeset/argyle-specs-<hash>.md`) describing the spec changes, or undefined when there are none.
 * The hash is taken from the summary, so the same change always gives the same file name.
 *
 * @example
 * const cs = specChangeset(changes, process.cwd());
 * if (cs) writeFileSync(join(".changeset", cs.name), cs.text);
 */
export function specChangeset(
  changes: readonly SpecChange[],
  root: string,
): { name: string; text: string; packages: Record<string, Bump> } | undefined {
  const packages = affectedPackages(changes, root);
  if (Object.keys(packages).length === 0) return undefined;
  const lines = changes.map(formatChange);
  const hash = createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 8);
  const text = [
    "---",
    ...Object.entries(packages).map(([name, bump]) => `${JSON.stringify(name)}: ${bump}`),
    "---",
    "",
    "Regenerated from Argyle's updated webhook documentation. Changes in the specs:",
    "",
    ...lines.map((line) => `- \`${line}\``),
    "",
  ].join("\n");
  return { name: `argyle-specs-${hash}.md`, text, packages };
}
