import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Manifest } from "../codegen/emit-manifest.js";
import { emitManifestJson } from "../codegen/emit-manifest-json.js";
import { type JsonObject, loadSpecs, OVERLAY_SUFFIX } from "../codegen/load-specs.js";
import { loadOverlay } from "../codegen/overlay.js";
import { prepareEvents } from "../codegen/prepare-events.js";

/** An overlay correction that names an event the spec set no longer defines. */
export interface StaleCorrection {
  id: string;
  event: string;
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Events named by the overlay's corrections, by correction id (no validation: loadOverlay does that). */
function overlayEvents(path: string): [string, string][] {
  if (!existsSync(path)) return [];
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch {
    return [];
  }
  const list = isObject(doc) && Array.isArray(doc.corrections) ? doc.corrections : [];
  return list.flatMap((c: unknown) =>
    isObject(c) && typeof c.id === "string" && Array.isArray(c.events)
      ? c.events
          .filter((e): e is string => typeof e === "string")
          .map((e): [string, string] => [c.id as string, e])
      : [],
  );
}

/**
 * The manifest `npm run codegen` would write for the specs in `specDir` (same loader, overlay and
 * normalisation, without emitting types or validators). Unlike codegen it tolerates overlay corrections that
 * name events the specs no longer define, and returns them, so a diff can still be shown after Argyle removes
 * an event.
 *
 * @example
 * const { manifest, staleCorrections } = specManifest("openapi");
 * console.log(Object.keys(manifest.events));
 */
export function specManifest(
  specDir: string,
  overlayPath?: string,
): { manifest: Manifest; staleCorrections: StaleCorrection[] } {
  const overlay = overlayPath ?? join(specDir, `argyle-webhooks${OVERLAY_SUFFIX}`);
  const specs = loadSpecs(specDir);
  const known = new Set(specs.map((s) => s.event));
  const staleCorrections = overlayEvents(overlay)
    .filter(([, event]) => !known.has(event))
    .map(([id, event]) => ({ id, event }));
  const corrections = loadOverlay(overlay, new Set([...known, ...staleCorrections.map((s) => s.event)]));
  const events = prepareEvents(specs, corrections);
  return { manifest: JSON.parse(emitManifestJson(events)) as Manifest, staleCorrections };
}
