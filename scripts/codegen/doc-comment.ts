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

/** An `@example` section holding one fenced TypeScript block. */
export function exampleSection(code: string): string {
  return `@example\n\`\`\`ts\n${code}\n\`\`\``;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as a TypeScript literal (identifier keys unquoted, two-space indent), for examples in doc comments. */
export function tsLiteral(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object"))
      return `[${value.map((v) => tsLiteral(v)).join(", ")}]`;
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const key = (k: string) => (IDENTIFIER.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${tsLiteral(v, inner)},`).join("\n")}\n${indent}}`;
  }
  // `*\/` keeps a string holding "*/" from closing the doc comment; it is the same string.
  return (JSON.stringify(value) ?? "undefined").replace(/\*\//g, "*\\/");
}
