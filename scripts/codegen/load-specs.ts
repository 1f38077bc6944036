import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { EVENT_NAME } from "./names.js";
import { resolveRefs } from "./resolve-refs.js";
import { pointer, SpecError } from "./spec-error.js";

export type JsonObject = Record<string, unknown>;

/** Everything codegen needs from one of Argyle's webhook specs. */
export interface SpecEvent {
  /** Path of the YAML, relative to the working directory, e.g. "openapi/gigs-webhooks-updated.yaml". */
  file: string;
  event: string;
  family: string;
  action: string;
  /** The operation's description: what the webhook means. */
  description: string;
  /** `info.description` of the file: the family's introduction. */
  familyDescription: string;
  /** The subscription request schema (request body), `$ref`s resolved. */
  request: JsonObject;
  /** The webhook message schema (200 response), `$ref`s resolved. */
  message: JsonObject;
  /** The spec's example message, if it has one. */
  example: unknown;
  /** SHA-256 of the file's bytes, recorded in the manifest. */
  sha256: string;
}

/** Files under the spec folder that are ours, not Argyle's. */
export const OVERLAY_SUFFIX = ".overlay.yaml";

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function child(node: unknown, key: string): unknown {
  return isObject(node) ? node[key] : undefined;
}

function firstExample(media: unknown, schema: JsonObject): unknown {
  if (isObject(media) && "example" in media) return media.example;
  const examples = child(media, "examples");
  if (isObject(examples)) {
    const first = Object.values(examples)[0];
    if (isObject(first) && "value" in first) return first.value;
  }
  return schema.example;
}

interface Candidate {
  name: string;
  at: string;
}

function fromBackticks(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  return /`([a-z][a-z_]*\.[a-z][a-z_]*)`/.exec(text)?.[1];
}

function eventCandidates(
  message: JsonObject,
  example: unknown,
  request: JsonObject,
  at: Record<string, string>,
) {
  const found: Candidate[] = [];
  const eventProp = child(child(message, "properties"), "event");
  const enumValues = child(eventProp, "enum");
  if (Array.isArray(enumValues) && enumValues.length === 1 && typeof enumValues[0] === "string") {
    found.push({ name: enumValues[0], at: `${at.message}/properties/event/enum` });
  }
  const exampleEvent = child(example, "event");
  if (typeof exampleEvent === "string") found.push({ name: exampleEvent, at: `${at.example}/event` });
  const described = fromBackticks(child(eventProp, "description"));
  if (described) found.push({ name: described, at: `${at.message}/properties/event/description` });
  const eventsProp = child(child(request, "properties"), "events");
  const requested = fromBackticks(child(eventsProp, "description"));
  if (requested) found.push({ name: requested, at: `${at.request}/properties/events/description` });
  return found;
}

function schemaPointer(media: unknown, fallback: string): string {
  const ref = child(child(media, "schema"), "$ref");
  return typeof ref === "string" && ref.startsWith("#/") ? ref.slice(1) : fallback;
}

/** Reads and checks one spec file. Throws SpecError naming the file and JSON pointer of the first problem. */
export function loadSpec(path: string, text: string): SpecEvent {
  const file = relative(process.cwd(), path) || path;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new SpecError(file, "", `not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!isObject(doc) || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    throw new SpecError(file, "/openapi", "not an OpenAPI 3 document (no `openapi: 3.x` field)");
  }
  const opAt = pointer("paths", "/v2/webhooks", "post");
  const op = child(child(doc.paths, "/v2/webhooks"), "post");
  if (!isObject(op))
    throw new SpecError(file, opAt, "no POST /v2/webhooks operation: not an Argyle webhook spec");
  const resolvedOp = resolveRefs(doc, op, file, opAt) as JsonObject;

  const responseMedia = child(
    child(child(child(resolvedOp, "responses"), "200"), "content"),
    "application/json",
  );
  const messageAt = `${opAt}/responses/200/content/application~1json/schema`;
  const message = child(responseMedia, "schema");
  if (!isObject(message))
    throw new SpecError(file, messageAt, "no webhook message schema (200 application/json response)");
  const rawResponseMedia = child(child(child(child(op, "responses"), "200"), "content"), "application/json");

  const requestAt = `${opAt}/requestBody/content/application~1json/schema`;
  const requestMedia = child(child(child(resolvedOp, "requestBody"), "content"), "application/json");
  const request = child(requestMedia, "schema");
  if (!isObject(request))
    throw new SpecError(file, requestAt, "no subscription request schema (request body)");
  const rawRequestMedia = child(child(child(op, "requestBody"), "content"), "application/json");

  const example = firstExample(responseMedia, message);
  const at = {
    message: schemaPointer(rawResponseMedia, messageAt),
    request: schemaPointer(rawRequestMedia, requestAt),
    example: `${opAt}/responses/200/content/application~1json/example`,
  };
  const candidates = eventCandidates(message, example, request, at);
  const [first] = candidates;
  if (!first) {
    throw new SpecError(
      file,
      `${at.message}/properties/event`,
      "no derivable event name (no enum, example or `family.action` in the description)",
    );
  }
  const conflict = candidates.find((c) => c.name !== first.name);
  if (conflict) {
    throw new SpecError(
      file,
      conflict.at,
      `ambiguous event name: "${conflict.name}" here but "${first.name}" at ${first.at}`,
    );
  }
  if (!EVENT_NAME.test(first.name))
    throw new SpecError(file, first.at, `"${first.name}" is not an event name of the form family.action`);
  const [family = "", action = ""] = first.name.split(".");
  const info = isObject(doc.info) ? doc.info : {};
  return {
    file,
    event: first.name,
    family,
    action,
    description: String(resolvedOp.description ?? resolvedOp.summary ?? "").trim(),
    familyDescription: String(info.description ?? "").trim(),
    request,
    message,
    example,
    sha256: createHash("sha256").update(text).digest("hex"),
  };
}

/**
 * The spec files of `dir`, sorted by name: every `*.yaml`/`*.yml` except overlays.
 * @example
 * ```ts
 * specFileNames("openapi"); // ["gigs.yaml", …] (not "argyle-webhooks.overlay.yaml")
 * ```
 */
export function specFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !name.endsWith(OVERLAY_SUFFIX))
    .sort();
}

/** Loads every `*.yaml` spec in `dir` (overlays excluded), sorted by event; rejects two files claiming one event. */
export function loadSpecs(dir: string): SpecEvent[] {
  const files = specFileNames(dir);
  const byEvent = new Map<string, SpecEvent>();
  for (const name of files) {
    const path = join(dir, name);
    const spec = loadSpec(path, readFileSync(path, "utf8"));
    const previous = byEvent.get(spec.event);
    if (previous) {
      throw new SpecError(
        spec.file,
        "/paths/~1v2~1webhooks/post",
        `event "${spec.event}" is already defined by ${previous.file}`,
      );
    }
    byEvent.set(spec.event, spec);
  }
  if (byEvent.size === 0) throw new SpecError(dir, "", "no webhook specs (*.yaml) found");
  return [...byEvent.values()].sort((a, b) => (a.event < b.event ? -1 : a.event > b.event ? 1 : 0));
}
