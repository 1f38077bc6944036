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

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    specs: { type: "string", default: resolve(root, "openapi") },
    out: { type: "string", default: resolve(root, "generated") },
    overlay: { type: "string" },
  },
});

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
