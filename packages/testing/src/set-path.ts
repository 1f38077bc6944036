import { isPlainObject } from "./merge-overrides.js";

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

/** What a missing step of a path becomes: an array when the next segment indexes one. */
function container(next: string | undefined): unknown[] | Record<string, unknown> {
  return next !== undefined && /^\d+$/.test(next) ? [] : {};
}

/**
 * Sets `value` at a dot path (`data.days_synced`, `data.updated_gigs.0`) inside `target`, creating what is
 * missing along the way: an array where the next segment is a number (`data.ids.0`), else an object. A numeric
 * segment indexes an array. `__proto__`, `prototype` and `constructor` are refused. Changes `target` and returns it.
 *
 * @example
 * ```ts
 * const message = { data: { days_synced: 60 } };
 * setPath(message, "data.days_synced", 90); // { data: { days_synced: 90 } }
 * ```
 */
export function setPath<T extends object>(target: T, path: string, value: unknown): T {
  const segments = path.split(".");
  if (segments.some((s) => s === "" || FORBIDDEN.has(s))) throw new Error(`Invalid path "${path}".`);
  let node: unknown = target;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      if (last) node[index] = value;
      else {
        if (!isPlainObject(node[index]) && !Array.isArray(node[index]))
          node[index] = container(segments[i + 1]);
        node = node[index];
      }
    } else if (isPlainObject(node)) {
      if (last) node[segment] = value;
      else {
        if (!isPlainObject(node[segment]) && !Array.isArray(node[segment]))
          node[segment] = container(segments[i + 1]);
        node = node[segment];
      }
    } else {
      throw new Error(`Cannot set "${path}": "${segments.slice(0, i).join(".")}" is not an object.`);
    }
  }
  return target;
}

/**
 * Parses a `path=value` assignment as the CLI's `--set` takes it: the value is read as JSON (`90`, `null`,
 * `true`, `"text"`, `[1,2]`) and, when that fails, kept as a plain string.
 *
 * @example
 * ```ts
 * parseAssignment("data.days_synced=90"); // { path: "data.days_synced", value: 90 }
 * parseAssignment("name=prod-hooks"); // { path: "name", value: "prod-hooks" }
 * ```
 */
export function parseAssignment(assignment: string): { path: string; value: unknown } {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new Error(`Expected path=value, got "${assignment}".`);
  const path = assignment.slice(0, eq).trim();
  const raw = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { path, value };
}
