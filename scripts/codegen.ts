/**
 * npm run codegen [-- --check] [--specs DIR] [--out DIR] [--overlay FILE]
 * Turns Argyle's webhook specs into generated/ (types, registry, examples, validators, manifest).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./codegen/generate.js";
import { staleFiles, writeAtomically } from "./codegen/output.js";
import { SpecError } from "./codegen/spec-error.js";
import { manifestChangeSummary } from "./specs/manifest-change-summary.js";

const HELP = `Usage: npm run codegen [-- --check] [--specs DIR] [--out DIR] [--overlay FILE]

Turns Argyle's webhook specs (openapi/*.yaml + the overlay of our corrections) into generated/: types, registry,
handlers, examples, validators and manifest.json.

Options:
  --check           Regenerate in memory and fail (exit 1), naming the files, if generated/ is stale or edited
  --specs DIR       Spec folder (default: openapi/)
  --out DIR         Output folder (default: generated/)
  --overlay FILE    Overlay file (default: openapi/argyle-webhooks.overlay.yaml)
  -h, --help        Show this help

Exit codes: 0 done, 1 a spec is malformed or generated/ is stale (--check), 2 bad arguments.`;

const root = resolve(import.meta.dirname, "..");
let values: { check: boolean; specs: string; out: string; overlay?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      specs: { type: "string", default: resolve(root, "openapi") },
      out: { type: "string", default: resolve(root, "generated") },
      overlay: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`codegen: ${(error as Error).message}\nRun \`npm run codegen -- --help\` for usage.`);
  process.exit(2);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const started = performance.now();
try {
  const files = await generate({ specDir: resolve(values.specs), overlayPath: values.overlay, root });
  const stale = staleFiles(resolve(values.out), files);
  const ms = Math.round(performance.now() - started);
  if (values.check) {
    if (stale.length > 0) {
      console.error(
        `codegen --check: generated/ is stale or was edited by hand: ${stale.join(", ")}\nRun \`npm run codegen\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log(`codegen --check: generated/ is up to date (${files.size} files, ${ms} ms)`);
  } else {
    const specChanges = stale.includes("manifest.json")
      ? manifestChangeSummary(resolve(values.out, "manifest.json"), files.get("manifest.json"))
      : undefined;
    if (stale.length > 0) writeAtomically(resolve(values.out), files);
    if (specChanges) console.log(specChanges);
    console.log(
      `codegen: ${stale.length === 0 ? "no changes" : `wrote ${stale.join(", ")}`} (${files.size} files, ${ms} ms)`,
    );
  }
} catch (error) {
  if (error instanceof SpecError) {
    console.error(`codegen failed: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
