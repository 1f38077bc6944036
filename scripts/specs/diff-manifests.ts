import type { Manifest, ManifestEvent, ManifestField } from "../codegen/emit-manifest.js";

/** Semver level a change calls for in the packages that ship the generated code. */
export type Bump = "patch" | "minor" | "major";

/** One difference between two manifests, for one event. */
export interface SpecChange {
  event: string;
  kind:
    | "event-added"
    | "event-removed"
    | "field-added"
    | "field-removed"
    | "field-changed"
    | "config"
    | "text";
  /** `+` addition, `-` removal, `~` change. */
  sign: "+" | "-" | "~";
  /** Field path, `config.<field>` for subscription config, absent for whole-event changes. */
  path?: string;
  /** What changed, in words, e.g. "integer -> string" or "new event". */
  detail: string;
  bump: Bump;
}

const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** The highest bump among `changes`, or undefined when there are none. */
export function highestBump(changes: readonly { bump: Bump }[]): Bump | undefined {
  let best: Bump | undefined;
  for (const c of changes) if (best === undefined || RANK[c.bump] > RANK[best]) best = c.bump;
  return best;
}

/** "string (date-time) | null, required" */
export function describeField(field: ManifestField): string {
  return `${field.type}${field.format ? ` (${field.format})` : ""}${field.nullable ? " | null" : ""}${field.required ? ", required" : ""}`;
}

/** `data.a.b[].c` -> [`data.a.b[]`, `data.a.b`, `data.a`, `data`] (candidates; only some are real fields). */
function ancestors(path: string): string[] {
  const out: string[] = [];
  let p = path;
  for (;;) {
    const shorter = p.replace(/(\.[^.[\]]+|\[\])$/, "");
    if (shorter === p || shorter === "") return out;
    out.push(shorter);
    p = shorter;
  }
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function diffFields(
  event: string,
  before: Record<string, ManifestField>,
  after: Record<string, ManifestField>,
  prefix: string,
  addedBump: (field: ManifestField) => Bump,
): SpecChange[] {
  const changes: SpecChange[] = [];
  const added = Object.keys(after).filter((p) => !(p in before));
  const removed = Object.keys(before).filter((p) => !(p in after));
  const addedSet = new Set(added);
  const removedSet = new Set(removed);
  for (const path of added) {
    if (ancestors(path).some((a) => addedSet.has(a))) continue;
    const field = after[path] as ManifestField;
    changes.push({
      event,
      kind: "field-added",
      sign: "+",
      path: prefix + path,
      detail: `${describeField(field)} (new field)`,
      bump: addedBump(field),
    });
  }
  for (const path of removed) {
    if (ancestors(path).some((a) => removedSet.has(a))) continue;
    changes.push({
      event,
      kind: "field-removed",
      sign: "-",
      path: prefix + path,
      detail: `${describeField(before[path] as ManifestField)} (field removed)`,
      bump: "major",
    });
  }
  for (const [path, old] of Object.entries(before)) {
    const now = after[path];
    if (!now) continue;
    const a = describeField(old);
    const b = describeField(now);
    if (a === b) continue;
    // Only required-ness changed: say so in words, with the type for context.
    const onlyRequired =
      describeField({ ...old, required: false }) === describeField({ ...now, required: false });
    changes.push({
      event,
      kind: "field-changed",
      sign: "~",
      path: prefix + path,
      detail: onlyRequired
        ? `${now.required ? "optional -> required" : "required -> optional"} (${describeField({ ...now, required: false })})`
        : `${a} -> ${b}`,
      bump: "major",
    });
  }
  return changes;
}

function diffEvent(event: string, before: ManifestEvent, after: ManifestEvent): SpecChange[] {
  const changes = diffFields(event, before.fields, after.fields, "", () => "minor");
  if (before.configSupported !== after.configSupported) {
    changes.push(
      after.configSupported
        ? {
            event,
            kind: "config",
            sign: "+",
            path: "config",
            detail: "subscriptions may now pass config",
            bump: "minor",
          }
        : {
            event,
            kind: "config",
            sign: "-",
            path: "config",
            detail: "config is no longer accepted",
            bump: "major",
          },
    );
  }
  if (before.configRequired !== after.configRequired) {
    changes.push(
      after.configRequired
        ? { event, kind: "config", sign: "~", path: "config", detail: "optional -> required", bump: "major" }
        : { event, kind: "config", sign: "~", path: "config", detail: "required -> optional", bump: "minor" },
    );
  }
  const configChanges = diffFields(event, before.config, after.config, "config.", (f) =>
    f.required ? "major" : "minor",
  );
  changes.push(...configChanges.map((c) => ({ ...c, kind: "config" as const })));
  if (fileName(before.file) !== fileName(after.file)) {
    changes.push({
      event,
      kind: "text",
      sign: "~",
      detail: `spec file ${fileName(before.file)} -> ${fileName(after.file)}`,
      bump: "patch",
    });
  }
  const correctionsBefore = before.corrections.join(", ") || "none";
  const correctionsAfter = after.corrections.join(", ") || "none";
  if (correctionsBefore !== correctionsAfter) {
    changes.push({
      event,
      kind: "text",
      sign: "~",
      detail: `overlay corrections: ${correctionsBefore} -> ${correctionsAfter}`,
      bump: "patch",
    });
  }
  if (changes.length === 0 && before.sha256 !== after.sha256) {
    changes.push({
      event,
      kind: "text",
      sign: "~",
      detail: "spec text changed (descriptions or examples; no field changes)",
      bump: "patch",
    });
  }
  return changes;
}

/**
 * Everything that differs between the manifest of the last generation and the manifest of a new spec set:
 * events added or removed, message fields added, removed or changed (type, format, nullability, required),
 * subscription `config` changes, and text-only changes. Sorted by event; each change carries its semver bump:
 * additions are minor, removals and changes to existing fields are major, text-only changes are patch.
 *
 * @example
 * const changes = diffManifests(JSON.parse(readFileSync("generated/manifest.json", "utf8")), specManifest("openapi").manifest);
 * // [{ event: "gigs.removed", kind: "event-added", sign: "+", detail: "new event", bump: "minor" }, ...]
 */
export function diffManifests(before: Manifest, after: Manifest): SpecChange[] {
  const events = [...new Set([...Object.keys(before.events), ...Object.keys(after.events)])].sort();
  return events.flatMap((event): SpecChange[] => {
    const old = before.events[event];
    const now = after.events[event];
    if (!old) return [{ event, kind: "event-added", sign: "+", detail: "new event", bump: "minor" }];
    if (!now) return [{ event, kind: "event-removed", sign: "-", detail: "event removed", bump: "major" }];
    return diffEvent(event, old, now);
  });
}
