import { existsSync, readFileSync } from "node:fs";
import type { Manifest } from "../codegen/emit-manifest.js";
import { diffManifests } from "./diff-manifests.js";
import { formatChanges } from "./format-changes.js";

/**
 * The spec-change summary between the manifest on disk and a freshly generated one, for codegen to print before
 * it overwrites the old one. Undefined when there is no readable old manifest (first generation) or no change.
 *
 * @example
 * const summary = manifestChangeSummary("generated/manifest.json", files.get("manifest.json"));
 * if (summary) console.log(summary);
 */
export function manifestChangeSummary(oldPath: string, newJson: string | undefined): string | undefined {
  if (newJson === undefined || !existsSync(oldPath)) return undefined;
  let before: Manifest;
  try {
    before = JSON.parse(readFileSync(oldPath, "utf8")) as Manifest;
    if (typeof before.events !== "object" || before.events === null) return undefined;
  } catch {
    return undefined;
  }
  const changes = diffManifests(before, JSON.parse(newJson) as Manifest);
  return changes.length > 0 ? formatChanges(changes) : undefined;
}
