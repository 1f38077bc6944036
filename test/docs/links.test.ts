import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const DOCS = [
  "README.md",
  "SECURITY.md",
  ...["core", "express", "koa", "testing", "client", "inbox"].map((p) => `packages/${p}/README.md`),
];

/** The markdown text outside fenced blocks and inline code, where links are links. */
function prose(text: string): string {
  return text.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1`*\s*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const match of prose(headingText(file)).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** Headings with their inline code kept as text (GitHub keeps the code's characters in the anchor). */
function headingText(file: string): string {
  return readFileSync(file, "utf8").replace(/^(#{1,6}\s+.*)$/gm, (line) => line.replace(/`/g, ""));
}

function links(file: string): string[] {
  const text = prose(headingText(file));
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string);
}

describe("every link in the docs resolves", () => {
  for (const doc of DOCS) {
    it(doc, () => {
      const file = resolve(root, doc);
      const broken: string[] = [];
      for (const target of links(file)) {
        if (/^https?:\/\//.test(target)) {
          // No network in tests: an external link must at least be a well-formed URL.
          if (!URL.canParse(target)) broken.push(`${target}: not a URL`);
          continue;
        }
        if (/^mailto:/.test(target)) continue;
        const [path, anchor] = target.split("#") as [string, string | undefined];
        const targetFile = path === "" ? file : resolve(dirname(file), path);
        if (!existsSync(targetFile)) {
          broken.push(`${target}: ${relative(root, targetFile)} does not exist`);
          continue;
        }
        if (anchor !== undefined && targetFile.endsWith(".md")) {
          const slugs = anchors(targetFile);
          if (!slugs.has(decodeURIComponent(anchor)))
            broken.push(`${target}: no heading #${anchor} in ${relative(root, targetFile)}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
