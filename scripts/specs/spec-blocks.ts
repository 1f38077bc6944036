/** One OpenAPI file embedded in a documentation page. */
export interface SpecBlock {
  /** File name from the fence's info string, e.g. "gigs-webhooks-updated.yaml". */
  file: string;
  /** The YAML between the fences. */
  yaml: string;
}

const OPENING = /^( {0,3})(`{3,})\s*yaml\s+(?:\S*\/)?openapi\/(\S+)(?:\s.*)?$/i;

/**
 * Finds every ```` ```yaml openAPI/<file>.yaml post /v2/webhooks ```` block in a page's markdown (three or more
 * backticks; the closing fence must be at least as long). An unterminated block runs to the end of the page, as
 * in CommonMark, and is reported with `unterminated: true`.
 *
 * @example
 * specBlocks("```yaml openAPI/gigs-webhooks-updated.yaml post /v2/webhooks\nopenapi: 3.0.0\n```\n")
 * // -> [{ file: "gigs-webhooks-updated.yaml", yaml: "openapi: 3.0.0\n", unterminated: false }]
 */
export function specBlocks(markdown: string): (SpecBlock & { unterminated: boolean })[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: (SpecBlock & { unterminated: boolean })[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i] ?? "");
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? "```";
    const closing = new RegExp(`^ {0,3}\`{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !closing.test(lines[j] ?? "")) {
      body.push((lines[j] ?? "").replace(new RegExp(`^ {0,${indent}}`), ""));
      j++;
    }
    blocks.push({
      file: open[3] ?? "",
      yaml: body.length ? `${body.join("\n")}\n` : "",
      unterminated: j >= lines.length,
    });
    i = j;
  }
  return blocks;
}
