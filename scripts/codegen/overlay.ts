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
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** RFC 7396 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
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
    const { id, events, evidence, message, request, example } = raw;
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
    if (!message && !request && !example) throw new SpecError(file, at, `correction "${id}" patches nothing`);
    return {
      id,
      events: events as string[],
      evidence: evidence as string[],
      message,
      request,
      example,
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
    out = {
      ...out,
      message: c.message ? (mergePatch(out.message, c.message) as JsonObject) : out.message,
      request: c.request ? (mergePatch(out.request, c.request) as JsonObject) : out.request,
      example: c.example ? mergePatch(out.example, c.example) : out.example,
    };
  }
  return { spec: out, applied };
}
