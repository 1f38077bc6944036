import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { loadSpecs, OVERLAY_SUFFIX } from "../codegen/load-specs.js";

/** What `replaceSpecFiles` did, by file name. */
export interface ReplaceResult {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  /** Spec files no longer listed that were kept (`keepUnlisted`). */
  kept: string[];
}

/** The names codegen reads as Argyle's specs: `*.yaml`/`*.yml`, overlays excluded. */
export function isSpecFile(name: string): boolean {
  return /\.ya?ml$/.test(name) && !name.endsWith(OVERLAY_SUFFIX);
}

/**
 * Makes the spec files in `dir` exactly `files` (name -> YAML text), leaving everything else in `dir` (the
 * overlay, notes) as it was. Spec files not in `files` are deleted unless `keepUnlisted`. The new folder is
 * built next to `dir`, checked with codegen's loader, and swapped in by renames, so a failure leaves `dir` as
 * it was. Nothing is touched when no file changes.
 *
 * @example
 * const result = replaceSpecFiles("openapi", new Map([["gigs-webhooks-updated.yaml", yamlText]]));
 * console.log(result.added, result.changed, result.removed);
 */
export function replaceSpecFiles(
  dir: string,
  files: ReadonlyMap<string, string>,
  options: { keepUnlisted?: boolean } = {},
): ReplaceResult {
  const present = existsSync(dir) ? readdirSync(dir) : [];
  const result: ReplaceResult = { added: [], changed: [], removed: [], unchanged: [], kept: [] };
  for (const [name, text] of files) {
    if (!present.includes(name)) result.added.push(name);
    else if (readFileSync(join(dir, name), "utf8") === text) result.unchanged.push(name);
    else result.changed.push(name);
  }
  for (const name of present) {
    if (!isSpecFile(name) || files.has(name)) continue;
    (options.keepUnlisted ? result.kept : result.removed).push(name);
  }
  for (const list of Object.values(result)) list.sort();
  if (result.added.length + result.changed.length + result.removed.length === 0) return result;

  mkdirSync(dirname(dir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(dir), `.${basename(dir)}.pull-`));
  try {
    for (const name of present) {
      if (files.has(name) || result.removed.includes(name)) continue;
      cpSync(join(dir, name), join(tmp, name), { recursive: true, preserveTimestamps: true });
    }
    for (const [name, text] of files) writeFileSync(join(tmp, name), text);
    loadSpecs(tmp);
    if (existsSync(dir)) {
      const old = `${tmp}.old`;
      renameSync(dir, old);
      renameSync(tmp, dir);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, dir);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}
