/**
 * A JSON-like plain object.
 *
 * @example
 * ```ts
 * const overrides: PlainObject = { data: { days_synced: 90 } };
 * ```
 */
export type PlainObject = Record<string, unknown>;

/**
 * Whether `value` is a plain object (not an array, not null, not a class instance), the only kind merged
 * recursively.
 *
 * @example
 * ```ts
 * isPlainObject({ a: 1 }); // true
 * isPlainObject([1]); // false
 * ```
 */
export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep-merges `overrides` into a copy of `base`; neither input is changed. Plain objects merge key by key;
 * arrays, `null` and every other value replace what was there; a key whose override is `undefined` is removed.
 *
 * @example
 * ```ts
 * mergeOverrides({ data: { a: 1, ids: [1, 2] } }, { data: { ids: [3], b: null } });
 * // { data: { a: 1, ids: [3], b: null } }
 * ```
 */
export function mergeOverrides<T>(base: T, overrides: unknown): T {
  if (overrides === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(overrides)) return structuredClone(overrides) as T;
  const out: PlainObject = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    if (key === "__proto__") continue;
    if (value === undefined) delete out[key];
    else
      out[key] =
        isPlainObject(value) && isPlainObject(out[key])
          ? mergeOverrides(out[key], value)
          : structuredClone(value);
  }
  return out as T;
}
