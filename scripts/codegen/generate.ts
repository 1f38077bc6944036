import { join } from "node:path";
import { BANNER } from "./banner.js";
import { emitManifestJson } from "./emit-manifest-json.js";
import { emitExamples, emitHandlers, emitRegistry, type RegistryEvent } from "./emit-registry.js";
import { emitTypes, type OpenapiTypesWorker, openapiTypesWorker, type TypedEvent } from "./emit-types.js";
import { emitValidators, validatorDeclarations } from "./emit-validators.js";
import { type JsonObject, loadSpecs, OVERLAY_SUFFIX } from "./load-specs.js";
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
}

/** Runs the whole pipeline in memory and returns every generated file (name -> contents). Writes nothing. */
export async function generate(options: GenerateOptions): Promise<Map<string, string>> {
  // Reading and checking the specs is quick and is where a malformed spec fails: only then is the
  // openapi-typescript worker started (loading it takes about a second), overlapping the validator compilation;
  // a later generation in the same process reuses it.
  const overlayPath = options.overlayPath ?? join(options.specDir, `argyle-webhooks${OVERLAY_SUFFIX}`);
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
