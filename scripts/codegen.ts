/**
 * npm run codegen [-- --check] [--specs DIR] [--out DIR] [--overlay FILE]
 * Turns Argyle's webhook specs into generated/ (types, registry, examples, validators, manifest).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./codegen/generate.js";
import { staleFiles, writeAtomically } from "./codegen/output.js";
import { SpecError } from "./codegen/spec-error.js";
import { runIfMain, type ScriptIO } from "./run-if-main.js";
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

/**
 * `npm run codegen`: `argv` without node and the script; resolves with the exit code (0 done, 1 bad spec or stale
 * output with --check, 2 bad arguments).
 *
 * @example
 * ```ts
 * const code = await main(["--check"], processIO);
 * ```
 */
export async function main(argv: string[], io: ScriptIO): Promise<number> {
  let values: { check: boolean; specs: string; out: string; overlay?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        check: { type: "boolean", default: false },
        specs: { type: "string", default: resolve(root, "openapi") },
        out: { type: "string", default: resolve(root, "generated") },
        overlay: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    io.stderr.write(`codegen: ${(error as Error).message}\nRun \`npm run codegen -- --help\` for usage.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }

  const started = performance.now();
  try {
    const files = await generate({ specDir: resolve(values.specs), overlayPath: values.overlay, root });
    const stale = staleFiles(resolve(values.out), files);
    const ms = Math.round(performance.now() - started);
    if (values.check) {
      if (stale.length > 0) {
        io.stderr.write(
          `codegen --check: generated/ is stale or was edited by hand: ${stale.join(", ")}\nRun \`npm run codegen\` and commit the result.\n`,
        );
        return 1;
      }
      io.stdout.write(`codegen --check: generated/ is up to date (${files.size} files, ${ms} ms)\n`);
    } else {
      const specChanges = stale.includes("manifest.json")
        ? manifestChangeSummary(resolve(values.out, "manifest.json"), files.get("manifest.json"))
        : undefined;
      if (stale.length > 0) writeAtomically(resolve(values.out), files);
      if (specChanges) io.stdout.write(`${specChanges}\n`);
      io.stdout.write(
        `codegen: ${stale.length === 0 ? "no changes" : `wrote ${stale.join(", ")}`} (${files.size} files, ${ms} ms)\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      io.stderr.write(`codegen failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

await runIfMain(import.meta.url, main);
