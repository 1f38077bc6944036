import { readFileSync } from "node:fs";

/** A fenced code block of a markdown file. */
export interface CodeBlock {
  file: string;
  /** 1-based line of the first line of code (after the opening fence). */
  line: number;
  lang: string;
  code: string;
}

/** The fenced code blocks of a markdown file, with their info string's first word as `lang`. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[1] as string;
    const lang = (open[2] ?? "").trim().split(/\s+/)[0] ?? "";
    const start = i + 1;
    let end = start;
    while (end < lines.length && !new RegExp(`^${fence}\`*\\s*$`).test(lines[end] as string)) end++;
    blocks.push({ file, line: start + 1, lang, code: lines.slice(start, end).join("\n") });
    i = end;
  }
  return blocks;
}
