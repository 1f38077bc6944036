/**
 * npm run specs:diff [-- --specs DIR] [--manifest FILE] [--overlay FILE] [--changeset | --changeset-dir DIR]
 * Compares the spec set with the manifest of the last codegen run and prints what changed, by event;
 * optionally writes a changeset. Exit 0 ok, 1 failure, 2 bad arguments.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Manifest } from "./codegen/emit-manifest.js";
import { SpecError } from "./codegen/spec-error.js";
import { runIfMain, type ScriptIO } from "./run-if-main.js";
import { specChangeset } from "./specs/changeset.js";
import { diffManifests } from "./specs/diff-manifests.js";
import { formatChanges } from "./specs/format-changes.js";
import { specManifest } from "./specs/spec-manifest.js";

const HELP = `Usage: npm run specs:diff -- [options]

Loads the specs the way codegen does (overlay included), compares them with the manifest of the last
generation and prints what changed, grouped by event: events added or removed, message fields added, removed
or changed (type, format, nullability, required), subscription config changes.
Additions are minor, removals and changes to existing fields major, text-only changes patch.

Options:
  --specs DIR          spec folder (default: openapi/)
  --overlay FILE       corrections file (default: <specs>/argyle-webhooks.overlay.yaml)
  --manifest FILE      manifest of the last generation (default: generated/manifest.json)
  --changeset          write .changeset/argyle-specs-<hash>.md for the affected packages
  --changeset-dir DIR  write the changeset into DIR instead (implies --changeset)
  -h, --help           show this help

Exit codes: 0 compared (with or without changes), 1 specs or manifest unreadable, 2 bad arguments.`;

const root = resolve(import.meta.dirname, "..");

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      specs: { type: "string", default: resolve(root, "openapi") },
      overlay: { type: "string" },
      manifest: { type: "string", default: resolve(root, "generated/manifest.json") },
      changeset: { type: "boolean", default: false },
      "changeset-dir": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
}

/**
 * `npm run specs:diff`: `argv` without node and the script; resolves with the exit code (0 compared, 1 specs or
 * manifest unreadable, 2 bad arguments).
 *
 * @example
 * ```ts
 * const code = await main(["--specs", "openapi", "--changeset"], processIO);
 * ```
 */
export async function main(argv: string[], io: ScriptIO): Promise<number> {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions(argv);
  } catch (error) {
    io.stderr.write(`specs:diff: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const log = (line: string) => io.stdout.write(`${line}\n`);

  const manifestPath = resolve(values.manifest);
  let before: Manifest;
  try {
    before = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    if (typeof before.events !== "object" || before.events === null) throw new Error("no `events` object");
  } catch (error) {
    io.stderr.write(
      `specs:diff failed: cannot read the manifest ${manifestPath}: ${(error as Error).message}\n`,
    );
    return 1;
  }

  try {
    const { manifest, staleCorrections } = specManifest(
      resolve(values.specs),
      values.overlay && resolve(values.overlay),
    );
    const changes = diffManifests(before, manifest);
    log(formatChanges(changes));
    for (const s of staleCorrections) {
      log(
        `! overlay correction "${s.id}" names ${s.event}, which the specs no longer define: remove it from the overlay before npm run codegen`,
      );
    }
    const changesetDir =
      values["changeset-dir"] ?? (values.changeset ? resolve(root, ".changeset") : undefined);
    if (changesetDir) {
      const changeset = specChangeset(changes, root);
      if (changeset) {
        mkdirSync(changesetDir, { recursive: true });
        const path = join(changesetDir, changeset.name);
        writeFileSync(path, changeset.text);
        const bumps = Object.entries(changeset.packages)
          .map(([name, bump]) => `${name} ${bump}`)
          .join(", ");
        log(`wrote ${relative(process.cwd(), path) || path} (${bumps})`);
      } else {
        log("no changeset: nothing changed");
      }
    }
    if (changes.length > 0)
      log("Next: npm run codegen, review the diff of generated/, commit with the changeset.");
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      io.stderr.write(`specs:diff failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

await runIfMain(import.meta.url, main);
