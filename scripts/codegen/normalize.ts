import type { JsonObject } from "./load-specs.js";

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The message schema the runtime and the types use. Argyle's specs leave every field optional and type `event`
 * as a plain string; the runtime guarantees the envelope (400 otherwise), so `event` becomes the literal and
 * `event`, `name` and `data` become required. Everything else stays as the spec (plus overlay) says.
 */
export function normalizeMessage(message: JsonObject, event: string): JsonObject {
  const properties = isObject(message.properties) ? message.properties : {};
  const eventProp = isObject(properties.event) ? properties.event : {};
  const required = Array.isArray(message.required) ? (message.required as string[]) : [];
  return {
    ...message,
    type: "object",
    properties: {
      ...properties,
      event: { ...eventProp, type: "string", enum: [event] },
      name: isObject(properties.name) ? properties.name : { type: "string" },
      data: isObject(properties.data) ? properties.data : { type: "object" },
    },
    required: [...new Set([...required, "event", "name", "data"])],
  };
}

const SCHEMA_MAPS = ["properties", "patternProperties", "definitions", "$defs"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_ONE = ["items", "additionalProperties", "not", "if", "then", "else", "contains"];

/** Deep copy of a schema without the annotation keywords named in `drop` (and any `x-` extension). */
export function stripAnnotations(schema: unknown, drop: readonly string[]): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (drop.includes(key) || key.startsWith("x-")) continue;
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripAnnotations(v, drop)]));
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => stripAnnotations(v, drop));
    } else if (SCHEMA_ONE.includes(key)) {
      out[key] = stripAnnotations(value, drop);
    } else {
      out[key] = value;
    }
  }
  return out;
}
