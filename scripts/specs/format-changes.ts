import type { SpecChange } from "./diff-manifests.js";
import { highestBump } from "./diff-manifests.js";

/** One change as a line: `+ gigs.removed (new event)`, `~ paystubs.added data.added_count: string -> integer`. */
export function formatChange(change: SpecChange): string {
  if (change.kind === "event-added" || change.kind === "event-removed")
    return `${change.sign} ${change.event} (${change.detail})`;
  return `${change.sign} ${change.event}${change.path ? ` ${change.path}` : ""}: ${change.detail}`;
}

/**
 * A readable summary of spec changes: a headline with counts and the semver bump, then one line per change,
 * grouped by event (a blank line between events).
 *
 * @example
 * console.log(formatChanges(diffManifests(before, after)));
 * // Argyle spec changes: 2 in 2 events (major)
 * // + gigs.removed (new event)
 * //
 * // ~ paystubs.added data.added_count: string -> integer
 */
export function formatChanges(changes: readonly SpecChange[]): string {
  if (changes.length === 0) return "Argyle spec changes: none";
  const events = [...new Set(changes.map((c) => c.event))];
  const lines = [
    `Argyle spec changes: ${changes.length} in ${events.length} event${events.length === 1 ? "" : "s"} (${highestBump(changes)})`,
  ];
  for (const [i, event] of events.entries()) {
    if (i > 0) lines.push("");
    for (const c of changes) if (c.event === event) lines.push(formatChange(c));
  }
  return lines.join("\n");
}
