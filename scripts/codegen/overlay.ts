import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse } from "yaml";
import type { JsonObject, SpecEvent } from "./load-specs.js";
import { pointer, SpecError } from "./spec-error.js";

/** One correction of Argyle's docs, with the evidence that justifies it. */
export interface Correction {
  id: string;
  events: string[];
  evidence: string[];
  /** RFC 7396 merge patches, applied after `$ref`s are resolved. */
  message?: JsonObject;
  request?: JsonObject;
  example?: JsonObject;
  /**
   * Message fields Argyle always sends, as paths into the message (`data.account`, `data.resource.connection`,
   * `data.items[].id`): each is added to its parent's `required` list after the patches. A path that names no
   * property of the (patched) schema fails the generation, so a correction can never require an invented field.
   */
  required?: string[];
  /** Where the correction is written, for errors: the overlay file and the correction's JSON pointer. */
  source?: { file: string; at: string };
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * RFC 7396 JSON merge patch: objects merge, `null` deletes, anything else replaces. Every key is an own property,
 * `__proto__` included (an assignment would set the result's prototype instead and drop the key).
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else {
      const merged = mergePatch(Object.hasOwn(out, key) ? out[key] : undefined, value);
      Object.defineProperty(out, key, {
        value: merged,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}

/** `data.resource.connection.status`, `data.accounts[].id`: property names joined by dots, `[]` for array items. */
const FIELD_PATH = /^[A-Za-z_$][\w$-]*(\[\])*(\.[A-Za-z_$][\w$-]*(\[\])*)*$/;

/**
 * Adds each path's last property to its parent's `required` list; throws (naming the correction) when a path
 * does not lead to a property the schema defines.
 *
 * @example
 * requireFields(schema, ["data.account", "data.user"], correction); // data.required ⊇ ["account", "user"]
 */
export function requireFields(schema: JsonObject, paths: readonly string[], c: Correction): JsonObject {
  const out = structuredClone(schema);
  paths.forEach((path, i) => {
    const fail = (why: string): never => {
      throw new SpecError(
        c.source?.file ?? "overlay",
        `${c.source?.at ?? ""}/required/${i}`,
        `correction "${c.id}" requires ${path}, but ${why}`,
      );
    };
    const segments = path.split(".");
    let node: JsonObject = out;
    segments.forEach((segment, j) => {
      const name = segment.replace(/(\[\])+$/, "");
      const props = isObject(node.properties) ? node.properties : undefined;
      const child = props?.[name];
      if (!isObject(child)) fail(`the schema defines no property ${segments.slice(0, j + 1).join(".")}`);
      if (j === segments.length - 1) {
        const list = Array.isArray(node.required) ? (node.required as string[]) : [];
        if (!list.includes(name)) node.required = [...list, name];
        return;
      }
      let next = child as JsonObject;
      for (let k = 0; k < (segment.length - name.length) / 2; k++) {
        if (!isObject(next.items)) fail(`${segments.slice(0, j + 1).join(".")} is not an array of objects`);
        next = next.items as JsonObject;
      }
      node = next;
    });
  });
  return out;
}

/** Reads the corrections file; absent file means no corrections. */
export function loadOverlay(path: string, knownEvents: ReadonlySet<string>): Correction[] {
  if (!existsSync(path)) return [];
  const file = relative(process.cwd(), path) || path;
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new SpecError(file, "", `not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const list = isObject(doc) ? doc.corrections : undefined;
  if (!Array.isArray(list)) throw new SpecError(file, "/corrections", "expected a list of corrections");
  const ids = new Set<string>();
  return list.map((raw, i) => {
    const at = pointer("corrections", i);
    if (!isObject(raw)) throw new SpecError(file, at, "a correction must be an object");
    const { id, events, evidence, message, request, example, required } = raw;
    if (typeof id !== "string" || ids.has(id))
      throw new SpecError(file, `${at}/id`, "each correction needs a unique string id");
    ids.add(id);
    if (!Array.isArray(evidence) || evidence.length === 0 || !evidence.every((e) => typeof e === "string")) {
      throw new SpecError(
        file,
        `${at}/evidence`,
        `correction "${id}" has no evidence: every correction must say why`,
      );
    }
    if (!Array.isArray(events) || events.length === 0)
      throw new SpecError(file, `${at}/events`, "expected a list of events");
    events.forEach((event, j) => {
      if (typeof event !== "string" || !knownEvents.has(event)) {
        throw new SpecError(file, `${at}/events/${j}`, `unknown event ${JSON.stringify(event)}`);
      }
    });
    for (const [key, patch] of Object.entries({ message, request, example })) {
      if (patch !== undefined && !isObject(patch))
        throw new SpecError(file, `${at}/${key}`, "a patch must be an object");
    }
    if (
      required !== undefined &&
      (!Array.isArray(required) ||
        required.length === 0 ||
        !required.every((p) => typeof p === "string" && FIELD_PATH.test(p)))
    ) {
      throw new SpecError(
        file,
        `${at}/required`,
        "expected a list of message field paths such as data.account or data.resource.accounts[].id",
      );
    }
    if (!message && !request && !example && !required)
      throw new SpecError(file, at, `correction "${id}" patches nothing`);
    return {
      id,
      events: events as string[],
      evidence: evidence as string[],
      message,
      request,
      example,
      required: required as string[] | undefined,
      source: { file, at },
    } as Correction;
  });
}

/** Applies every correction that names the event; returns the corrected spec and the ids applied. */
export function applyOverlay(
  spec: SpecEvent,
  corrections: readonly Correction[],
): { spec: SpecEvent; applied: string[] } {
  let out = spec;
  const applied: string[] = [];
  for (const c of corrections) {
    if (!c.events.includes(spec.event)) continue;
    applied.push(c.id);
    const patched = c.message ? (mergePatch(out.message, c.message) as JsonObject) : out.message;
    out = {
      ...out,
      message: c.required ? requireFields(patched, c.required, c) : patched,
      request: c.request ? (mergePatch(out.request, c.request) as JsonObject) : out.request,
      example: c.example ? mergePatch(out.example, c.example) : out.example,
    };
  }
  return { spec: out, applied };
}
