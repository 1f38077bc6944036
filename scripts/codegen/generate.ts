import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { BANNER } from "./banner.js";
import { emitManifestJson } from "./emit-manifest-json.js";
import { emitExamples, emitHandlers, emitRegistry, type RegistryEvent } from "./emit-registry.js";
import { emitTypes, type OpenapiTypesWorker, openapiTypesWorker, type TypedEvent } from "./emit-types.js";
import { emitValidators, validatorDeclarations } from "./emit-validators.js";
import { type JsonObject, loadSpecs, OVERLAY_SUFFIX, specFileNames } from "./load-specs.js";
import { stripAnnotations } from "./normalize.js";
import { loadOverlay } from "./overlay.js";
import { prepareEvents } from "./prepare-events.js";
import { SpecError } from "./spec-error.js";

export interface GenerateOptions {
  /** Folder of Argyle's YAML files. */
  specDir: string;
  /** The corrections file; default `<specDir>/argyle-webhooks.overlay.yaml`. */
  overlayPath?: string;
  /** Repository root, for stable paths in bundled output. */
  root: string;
  /**
   * Generate even if this process already generated from identical inputs (same files, same bytes), instead of
   * returning a copy of that generation's files: for checking that generation is deterministic. The result is
   * still kept for later calls.
   */
  fresh?: boolean;
}

/** Recent generations of this process by {@link inputsKey}: the tests generate from the same inputs several times. */
const recent = new Map<string, ReadonlyMap<string, string>>();
const RECENT_LIMIT = 8;

/**
 * Everything a generation reads, by content: the spec files and the overlay (or that there is none), with the
 * paths and the working directory that error messages and the manifest name them by. Undefined when the inputs
 * cannot be read (the generation then fails as usual).
 */
function inputsKey(specDir: string, overlayPath: string, root: string): string | undefined {
  try {
    const hash = createHash("sha256").update(
      JSON.stringify([resolve(specDir), resolve(overlayPath), root, process.cwd()]),
    );
    for (const name of specFileNames(specDir))
      hash.update(`\0${name}\0`).update(readFileSync(join(specDir, name)));
    hash.update(existsSync(overlayPath) ? readFileSync(overlayPath) : "\0no overlay");
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

/**
 * Runs the whole pipeline in memory and returns every generated file (name -> contents). Writes nothing. A second
 * call with identical inputs in the same process returns a copy of the first one's files (see `fresh`).
 *
 * @example
 * ```ts
 * const files = await generate({ specDir: "openapi", root: process.cwd() });
 * files.get("manifest.json");
 * ```
 */
export async function generate(options: GenerateOptions): Promise<Map<string, string>> {
  const overlayPath = options.overlayPath ?? join(options.specDir, `argyle-webhooks${OVERLAY_SUFFIX}`);
  const key = inputsKey(options.specDir, overlayPath, options.root);
  const previous = key === undefined || options.fresh ? undefined : recent.get(key);
  if (previous) return new Map(previous);
  const files = await generateFresh(options, overlayPath);
  if (key !== undefined) {
    recent.delete(key);
    recent.set(key, new Map(files));
    for (const old of recent.keys()) if (recent.size > RECENT_LIMIT) recent.delete(old);
  }
  return files;
}

async function generateFresh(options: GenerateOptions, overlayPath: string): Promise<Map<string, string>> {
  // Reading and checking the specs is quick and is where a malformed spec fails: only then is the
  // openapi-typescript worker started (loading it takes about a second), overlapping the validator compilation;
  // a later generation in the same process reuses it.
  const specs = loadSpecs(options.specDir);
  const corrections = loadOverlay(overlayPath, new Set(specs.map((s) => s.event)));
  const events = prepareEvents(specs, corrections);
  return generateWith(options, overlayPath, events, openapiTypesWorker());
}

async function generateWith(
  options: GenerateOptions,
  overlayPath: string,
  events: ReturnType<typeof prepareEvents>,
  typesWorker: OpenapiTypesWorker,
): Promise<Map<string, string>> {
  const validationSchemas = new Map(
    events.map((e) => [
      e.event,
      stripAnnotations(e.message, ["example", "examples", "description", "title"]) as JsonObject,
    ]),
  );
  const validators = await emitValidators(validationSchemas, options.root);
  for (const e of events) {
    if (e.example === undefined)
      throw new SpecError(e.file, "/paths/~1v2~1webhooks/post/responses/200", "no example message");
    const validate = validators.compiled.get(e.event);
    if (validate && !validate(e.example)) {
      const why = (validate.errors ?? [])
        .map((err) => `${err.instancePath || "/"} ${err.message}`)
        .join("; ");
      throw new SpecError(
        e.file,
        "/paths/~1v2~1webhooks/post/responses/200",
        `the example message does not match its schema (${why}); correct it in ${overlayPath}`,
      );
    }
  }

  const typed: TypedEvent[] = events;
  const registry: RegistryEvent[] = events;
  const names = events.map((e) => e.event);
  const files = new Map<string, string>();
  files.set("openapi.ts", await typesWorker.render(typed));
  files.set("types.ts", emitTypes(typed));
  files.set("registry.ts", emitRegistry(registry));
  files.set("handlers.ts", emitHandlers(registry));
  files.set("examples.ts", emitExamples(registry));
  files.set("validators.mjs", validators.esm);
  files.set("validators.cjs", validators.cjs);
  files.set("validators.d.mts", validatorDeclarations(names));
  files.set("validators.d.cts", validatorDeclarations(names));
  files.set("manifest.json", emitManifestJson(events));
  files.set(
    "index.ts",
    [
      BANNER,
      'export * from "./types.js";',
      'export * from "./registry.js";',
      'export * from "./handlers.js";',
      'export * from "./examples.js";',
      'export { validators, type GeneratedValidator, type ValidationError } from "./validators.mjs";',
      "",
    ].join("\n"),
  );
  return files;
}
