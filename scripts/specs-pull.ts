/**
 * npm run specs:pull [-- --base-url URL] [--out DIR] [--timeout MS] [--keep-unlisted]
 * Downloads Argyle's webhook specs (the YAML embedded in each webhook page listed by llms.txt) into openapi/.
 * All or nothing: any failing page leaves the folder untouched. Exit 0 ok, 1 failure, 2 bad arguments.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SpecError } from "./codegen/spec-error.js";
import { runIfMain, type ScriptIO } from "./run-if-main.js";
import { PullError } from "./specs/pull-error.js";
import { pullSpecs } from "./specs/pull-specs.js";
import { replaceSpecFiles } from "./specs/replace-spec-files.js";

const HELP = `Usage: npm run specs:pull -- [options]

Reads <base-url>/llms.txt, fetches every webhook page it lists (api-reference/<family>-webhooks/<event>.md),
takes the \`\`\`yaml openAPI/<file>.yaml block of each and replaces the spec files in the output folder with them.
Spec files no longer listed are deleted (use --keep-unlisted to keep them); the overlay and any other files stay.
If any page fails (network, HTTP status, no YAML block, YAML that does not parse) nothing is written.

Options:
  --base-url URL     documentation root (default: $ARGYLE_DOCS_BASE_URL or https://docs.argyle.com)
  --out DIR          spec folder to update (default: openapi/)
  --timeout MS       per request (default: 15000)
  --keep-unlisted    keep spec files that the index no longer lists
  -h, --help         show this help

Exit codes: 0 pulled, 1 a page failed (named with its URL), 2 bad arguments.
Next: npm run specs:diff, then npm run codegen.`;

const root = resolve(import.meta.dirname, "..");

/** A bad command line: printed with the usage, exit 2. */
class UsageError extends Error {}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        "base-url": { type: "string" },
        out: { type: "string", default: resolve(root, "openapi") },
        timeout: { type: "string", default: "15000" },
        "keep-unlisted": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * `npm run specs:pull`: `argv` without node and the script; resolves with the exit code (0 pulled, 1 a page
 * failed, 2 bad arguments).
 *
 * @example
 * ```ts
 * const code = await main(["--base-url", "http://127.0.0.1:4000", "--out", dir], processIO);
 * ```
 */
export async function main(argv: string[], io: ScriptIO): Promise<number> {
  try {
    return await pull(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`specs:pull: ${error.message}\n\n${HELP}\n`);
    return 2;
  }
}

async function pull(argv: string[], io: ScriptIO): Promise<number> {
  const values = parseOptions(argv);
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const baseUrl = values["base-url"] ?? io.env.ARGYLE_DOCS_BASE_URL ?? "https://docs.argyle.com";
  let protocol = "";
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    throw new UsageError(`--base-url ${JSON.stringify(baseUrl)} is not a URL`);
  }
  if (protocol !== "http:" && protocol !== "https:")
    throw new UsageError(`--base-url must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(
      `--timeout must be a positive number of milliseconds, got ${JSON.stringify(values.timeout)}`,
    );
  const out = resolve(values.out);
  const log = (line: string) => io.stdout.write(`${line}\n`);

  try {
    const specs = await pullSpecs({ baseUrl, timeoutMs });
    const result = replaceSpecFiles(out, new Map(specs.map((s) => [s.file, s.text])), {
      keepUnlisted: values["keep-unlisted"],
    });
    const pages = new Set(specs.map((s) => s.page)).size;
    log(
      `specs:pull: ${specs.length} spec files from ${pages} pages listed in ${new URL("llms.txt", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).href}`,
    );
    for (const key of ["added", "changed", "removed", "kept"] as const) {
      if (result[key].length > 0) log(`  ${key}: ${result[key].join(", ")}`);
    }
    log(`  unchanged: ${result.unchanged.length}`);
    const touched = result.added.length + result.changed.length + result.removed.length;
    log(
      touched === 0
        ? `${out} is already up to date.`
        : `Updated ${out}. Next: npm run specs:diff, then npm run codegen.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PullError) {
      io.stderr.write(
        `specs:pull failed; ${out} was not changed.\n${error.failures.map((f) => `  ${f.url}: ${f.reason}`).join("\n")}\n`,
      );
      return 1;
    }
    if (error instanceof SpecError) {
      io.stderr.write(
        `specs:pull failed; ${out} was not changed.\n  the pulled spec set does not load: ${error.reason}\n`,
      );
      return 1;
    }
    throw error;
  }
}

await runIfMain(import.meta.url, main);
