const DOCS = "https://docs.argyle.com";

/** Turns an Argyle description (Markdown with MDX tags and site-relative links) into plain doc-comment text. */
export function docText(markdown: string): string {
  return markdown
    .replace(/<\/?(Tip|Note|Warning|Info|Check)>/g, "")
    .replace(/\]\((\/[^)]*)\)/g, `](${DOCS}$1)`)
    .replace(/\*\//g, "*\\/")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A JSDoc block from lines of text, indented by `indent`. */
export function docComment(text: string, indent = ""): string {
  const lines = text.split("\n");
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}
