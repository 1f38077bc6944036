import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AjvModule, { _, type ErrorObject, type ValidateFunction } from "ajv";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import { build } from "esbuild";
import { BANNER } from "./banner.js";
import { CORE_SRC } from "./emit-registry.js";
import type { JsonObject } from "./load-specs.js";
import { pascalName } from "./names.js";

/** ajv is CommonJS with `exports.default`; under NodeNext its default import is the module object. */
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ??
  AjvModule) as typeof AjvModule.default;
type Ajv = InstanceType<typeof Ajv>;

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const formats = require("./formats-runtime.cjs") as Record<string, RegExp | ((value: string) => boolean)>;
const standaloneCode = ((standaloneCodeModule as unknown as { default?: unknown }).default ??
  standaloneCodeModule) as (ajv: Ajv, refs: Record<string, string>) => string;

/** Annotation keywords of OpenAPI 3.0 that are not JSON Schema validation keywords. */
const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs"];

export interface CompiledValidators {
  /** In-process validators, for checking examples at codegen time. */
  compiled: Map<string, ValidateFunction>;
  /** Bundled standalone validators: `validators.mjs` and `validators.cjs` contents. */
  esm: string;
  cjs: string;
}

function newAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    code: { source: true, esm: true, formats: _`require("./formats-runtime.cjs")` },
  });
  ajv.addVocabulary(OPENAPI_ANNOTATIONS);
  for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, check);
  return ajv;
}

/** Compiles one validator per event and bundles them into self-contained ESM and CommonJS modules. */
export async function emitValidators(
  schemas: Map<string, JsonObject>,
  root: string,
): Promise<CompiledValidators> {
  const ajv = newAjv();
  const compiled = new Map<string, ValidateFunction>();
  const exportsByName: Record<string, string> = {};
  for (const [event, schema] of schemas) {
    for (;;) {
      try {
        ajv.addSchema(schema, event);
        compiled.set(event, ajv.getSchema(event) as ValidateFunction);
        break;
      } catch (error) {
        // A format this project does not implement is documented, not checked.
        const unknown = /unknown format "([^"]+)"/.exec((error as Error).message)?.[1];
        if (!unknown) throw error;
        ajv.removeSchema(event);
        ajv.addFormat(unknown, true);
      }
    }
    exportsByName[`validate${pascalName(event)}`] = event;
  }
  const standalone = standaloneCode(ajv, exportsByName);
  const table = Object.entries(exportsByName)
    .map(([fn, event]) => `  ${JSON.stringify(event)}: ${fn},`)
    .join("\n");
  const entry = `${standalone}\nexport const validators = {\n${table}\n};\n`;
  const bundle = async (format: "esm" | "cjs") => {
    const result = await build({
      stdin: { contents: entry, resolveDir: here, sourcefile: "validators.js", loader: "js" },
      absWorkingDir: root,
      bundle: true,
      format,
      platform: "neutral",
      mainFields: ["main"],
      write: false,
      legalComments: "none",
      minifyWhitespace: true,
      minifySyntax: true,
      banner: { js: BANNER },
      logLevel: "silent",
    });
    return `${result.outputFiles[0]?.text ?? ""}`;
  };
  return { compiled, esm: await bundle("esm"), cjs: await bundle("cjs") };
}

/** Declarations for both module formats. */
export function validatorDeclarations(events: readonly string[]): string {
  return `${BANNER}
import type { GeneratedValidator, ValidationError } from "${CORE_SRC}/validation-error.js";

export type { GeneratedValidator, ValidationError };

/**
 * The validator of each event's webhook message, keyed by event name.
 *
 * @example
 * \`\`\`ts
 * const ok = validators["gigs.partially_synced"](JSON.parse(body));
 * \`\`\`
 */
export declare const validators: {
${events.map((e) => `  readonly ${JSON.stringify(e)}: GeneratedValidator;`).join("\n")}
};
`;
}

export type { ErrorObject };
export const formatsModule = join(here, "formats-runtime.cjs");
