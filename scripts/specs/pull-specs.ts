import { loadSpec, OVERLAY_SUFFIX } from "../codegen/load-specs.js";
import { SpecError } from "../codegen/spec-error.js";
import { fetchText } from "./fetch-text.js";
import { PullError, type PullFailure } from "./pull-error.js";
import { specBlocks } from "./spec-blocks.js";
import { docsRoot, webhookPageUrls } from "./webhook-page-urls.js";

export interface PullOptions {
  /** Root of Argyle's documentation site; `llms.txt` is read from here. */
  baseUrl: string;
  /** Per request, for the whole response. Default 15 000 ms. */
  timeoutMs?: number;
  /** Pages fetched at once. Default 6. */
  concurrency?: number;
}

/** One YAML file pulled from Argyle's docs. */
export interface PulledSpec {
  /** File name under `openapi/`. */
  file: string;
  /** The YAML exactly as embedded in the page. */
  text: string;
  /** The page it came from. */
  page: string;
  /** The webhook event the file defines. */
  event: string;
}

const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/;

/**
 * Reads Argyle's `llms.txt`, fetches every per-event webhook page it lists, and returns the OpenAPI YAML
 * embedded in each (sorted by file name). Writes nothing. Every file is checked the way codegen reads it
 * (parses, is an OpenAPI 3 `POST /v2/webhooks`, names one event). Throws a PullError listing every page that
 * failed: network error or timeout, HTTP error, no YAML block, YAML that does not parse or is not a webhook spec,
 * or two pages that disagree about one file or one event.
 *
 * @example
 * const specs = await pullSpecs({ baseUrl: "https://docs.argyle.com" });
 * for (const s of specs) console.log(s.file, s.event, s.page);
 */
export async function pullSpecs(options: PullOptions): Promise<PulledSpec[]> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const root = docsRoot(options.baseUrl);
  const indexUrl = new URL("llms.txt", root).href;
  const pages = webhookPageUrls(await fetchText(indexUrl, timeoutMs), root);
  if (pages.length === 0) {
    throw new PullError([
      { url: indexUrl, reason: "the index lists no webhook pages (api-reference/<family>-webhooks/<event>)" },
    ]);
  }

  const failures: PullFailure[] = [];
  const found: PulledSpec[][] = pages.map(() => []);
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const i = next++;
      const url = (pages[i] as URL).href;
      try {
        found[i] = specsOfPage(url, await fetchText(url, timeoutMs));
      } catch (error) {
        if (!(error instanceof PullError)) throw error;
        failures.push(...error.failures);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 6) }, worker));

  const byFile = new Map<string, PulledSpec>();
  const byEvent = new Map<string, PulledSpec>();
  for (const spec of found.flat()) {
    const sameFile = byFile.get(spec.file);
    if (sameFile && sameFile.text !== spec.text) {
      failures.push({
        url: spec.page,
        reason: `embeds openAPI/${spec.file}, which ${sameFile.page} embeds with different contents`,
      });
      continue;
    }
    const sameEvent = byEvent.get(spec.event);
    if (sameEvent && sameEvent.file !== spec.file) {
      failures.push({
        url: spec.page,
        reason: `openAPI/${spec.file} defines ${spec.event}, which ${sameEvent.page} defines in openAPI/${sameEvent.file}`,
      });
      continue;
    }
    byFile.set(spec.file, spec);
    byEvent.set(spec.event, spec);
  }
  if (failures.length > 0) {
    const order = new Map(pages.map((p, i) => [p.href, i]));
    throw new PullError(failures.sort((a, b) => (order.get(a.url) ?? -1) - (order.get(b.url) ?? -1)));
  }
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function specsOfPage(url: string, markdown: string): PulledSpec[] {
  const blocks = specBlocks(markdown);
  if (blocks.length === 0)
    throw new PullError([{ url, reason: "no ```yaml openAPI/<file>.yaml block in the page" }]);
  return blocks.map((block) => {
    const fail = (reason: string) => new PullError([{ url, reason: `openAPI/${block.file}: ${reason}` }]);
    if (!SAFE_FILE.test(block.file) || block.file.endsWith(OVERLAY_SUFFIX))
      throw fail("not a usable file name");
    if (block.unterminated) throw fail("the YAML block is not closed (no ``` line)");
    try {
      const spec = loadSpec(block.file, block.yaml);
      return { file: block.file, text: block.yaml, page: url, event: spec.event };
    } catch (error) {
      if (error instanceof SpecError)
        throw fail(error.pointer ? `${error.reason} (at ${error.pointer})` : error.reason);
      throw error;
    }
  });
}
