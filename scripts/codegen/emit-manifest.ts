import type { JsonObject } from "./load-specs.js";

/** One field of a message or config, as the manifest records it for diffs between spec versions. */
export interface ManifestField {
  type: string;
  format?: string;
  nullable?: boolean;
  required?: boolean;
}

export interface ManifestEvent {
  file: string;
  sha256: string;
  corrections: string[];
  configSupported: boolean;
  configRequired: boolean;
  config: Record<string, ManifestField>;
  fields: Record<string, ManifestField>;
}

export interface Manifest {
  "//": string;
  events: Record<string, ManifestEvent>;
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function typeOf(schema: JsonObject): string {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join("|");
  for (const key of ["oneOf", "anyOf", "allOf"]) if (Array.isArray(schema[key])) return key;
  return "any";
}

/** Flattens a schema into `path -> field` (`data.resource.accounts[].id`), in spec order. */
export function flattenFields(
  schema: unknown,
  prefix = "",
  out: Record<string, ManifestField> = {},
): Record<string, ManifestField> {
  if (!isObject(schema)) return out;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  if (isObject(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      if (!isObject(child)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const field: ManifestField = { type: typeOf(child) };
      if (typeof child.format === "string") field.format = child.format;
      if (child.nullable === true) field.nullable = true;
      if (required.includes(name)) field.required = true;
      out[path] = field;
      flattenFields(child, path, out);
    }
  }
  if (isObject(schema.items)) flattenFields(schema.items, `${prefix}[]`, out);
  return out;
}
