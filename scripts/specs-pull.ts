/**
 * npm run specs:pull [-- --base-url URL] [--out DIR] [--timeout MS] [--keep-unlisted]
 * Downloads Argyle's webhook specs (the YAML embedded in each webhook page listed by llms.txt) into openapi/.
 * All or nothing: any failing page leaves the folder untouched. Exit 0 ok, 1 failure, 2 bad arguments.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SpecError } from "./codegen/spec-error.js";
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

function usage(message: string): never {
  console.error(`specs:pull: ${message}\n\n${HELP}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        "base-url": { type: "string" },
        out: { type: "string", default: resolve(root, "openapi") },
        timeout: { type: "string", default: "15000" },
        "keep-unlisted": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    usage((error as Error).message);
  }
}
const values = parseOptions();
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const baseUrl = values["base-url"] ?? process.env.ARGYLE_DOCS_BASE_URL ?? "https://docs.argyle.com";
let protocol = "";
try {
  protocol = new URL(baseUrl).protocol;
} catch {
  usage(`--base-url ${JSON.stringify(baseUrl)} is not a URL`);
}
if (protocol !== "http:" && protocol !== "https:")
  usage(`--base-url must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
const timeoutMs = Number(values.timeout);
if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
  usage(`--timeout must be a positive number of milliseconds, got ${JSON.stringify(values.timeout)}`);
const out = resolve(values.out);

try {
  const specs = await pullSpecs({ baseUrl, timeoutMs });
  const result = replaceSpecFiles(out, new Map(specs.map((s) => [s.file, s.text])), {
    keepUnlisted: values["keep-unlisted"],
  });
  const pages = new Set(specs.map((s) => s.page)).size;
  console.log(
    `specs:pull: ${specs.length} spec files from ${pages} pages listed in ${new URL("llms.txt", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).href}`,
  );
  for (const key of ["added", "changed", "removed", "kept"] as const) {
    if (result[key].length > 0) console.log(`  ${key}: ${result[key].join(", ")}`);
  }
  console.log(`  unchanged: ${result.unchanged.length}`);
  const touched = result.added.length + result.changed.length + result.removed.length;
  console.log(
    touched === 0
      ? `${out} is already up to date.`
      : `Updated ${out}. Next: npm run specs:diff, then npm run codegen.`,
  );
} catch (error) {
  if (error instanceof PullError) {
    console.error(
      `specs:pull failed; ${out} was not changed.\n${error.failures.map((f) => `  ${f.url}: ${f.reason}`).join("\n")}`,
    );
    process.exit(1);
  }
  if (error instanceof SpecError) {
    console.error(
      `specs:pull failed; ${out} was not changed.\n  the pulled spec set does not load: ${error.reason}`,
    );
    process.exit(1);
  }
  throw error;
}
