import { pointer, SpecError } from "./spec-error.js";

type Json = unknown;

function lookup(doc: Json, ref: string, file: string, at: string): Json {
  if (!ref.startsWith("#/")) {
    throw new SpecError(
      file,
      at,
      `unresolvable $ref "${ref}": only local references ("#/...") are supported`,
    );
  }
  let node: Json = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in (node as object))) {
      throw new SpecError(file, at, `unresolvable $ref "${ref}"`);
    }
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

/**
 * Returns a deep copy of `node` with every local `$ref` replaced by its target.
 * Fails with the JSON pointer of the offending `$ref` when a target is missing or refers to itself.
 */
export function resolveRefs(doc: Json, node: Json, file: string, at: string, seen: string[] = []): Json {
  if (Array.isArray(node))
    return node.map((item, i) => resolveRefs(doc, item, file, `${at}${pointer(i)}`, seen));
  if (node === null || typeof node !== "object") return node;
  const obj = node as Record<string, Json>;
  if (typeof obj.$ref === "string") {
    const ref = obj.$ref;
    if (seen.includes(ref)) throw new SpecError(file, `${at}/$ref`, `circular $ref "${ref}"`);
    const target = lookup(doc, ref, file, `${at}/$ref`);
    return resolveRefs(doc, target, file, ref.slice(1), [...seen, ref]);
  }
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(obj))
    out[key] = resolveRefs(doc, value, file, `${at}${pointer(key)}`, seen);
  return out;
}
