import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CodeBlock, codeBlocks } from "./markdown-blocks.js";

const root = resolve(import.meta.dirname, "../..");
const DOCS = [
  "README.md",
  "SECURITY.md",
  ...["core", "express", "koa", "testing", "client", "inbox"].map((p) => `packages/${p}/README.md`),
];
const blocks = DOCS.flatMap((file) => codeBlocks(resolve(root, file)));
const work = resolve(root, ".tmp", `readme-check-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function where(block: CodeBlock): string {
  return `${relative(root, block.file)}:${block.line}`;
}

describe("every TypeScript block of the READMEs compiles against the built packages", () => {
  const ts = blocks.filter((b) => b.lang === "ts" || b.lang === "typescript");

  it("compiles them all with tsc (strict, nodenext), reporting each error at its README line", async () => {
    expect(ts.length).toBeGreaterThan(20);
    mkdirSync(work, { recursive: true });
    const files = new Map<string, CodeBlock>();
    for (const block of ts) {
      const name = `${relative(root, block.file).replace(/[^a-z0-9]+/gi, "-")}-${block.line}.ts`;
      // A fragment is its own module (`export {}`), so its top-level names never clash with another's. The
      // robustness recipe imports the harness (bench/robustness/) relative to the repository root.
      const code = block.code.replace(/from "\.\/(scripts|bench)\//g, 'from "../../$1/');
      writeFileSync(join(work, name), `export {};\n${code}\n`);
      files.set(name, block);
    }
    writeFileSync(
      join(work, "globals.d.ts"),
      readFileSync(resolve(import.meta.dirname, "readme-globals.d.ts.txt")),
    );
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.base.json",
        compilerOptions: { noEmit: true, types: ["node"], noUnusedLocals: false },
        include: ["*.ts", "../../types/**/*.d.ts", "../../test/types/legacy-frameworks.d.ts"],
      }),
    );
    const tsc = resolve(root, "node_modules/typescript/bin/tsc");
    const output = await new Promise<string>((done) => {
      execFile(
        process.execPath,
        [tsc, "-p", work, "--pretty", "false"],
        { cwd: work },
        (_error, stdout, stderr) => done(stdout + stderr),
      );
    });
    const errors = output
      .split("\n")
      .filter((line) => /error TS\d+/.test(line))
      .map((line) => {
        const m = /^(.+?\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
        const block = m ? files.get(m[1] as string) : undefined;
        return block && m ? `${relative(root, block.file)}:${block.line + Number(m[2]) - 2}: ${m[4]}` : line;
      });
    expect(errors).toEqual([]);
  }, 120_000);
});

describe("every JSON block parses", () => {
  it.each(blocks.filter((b) => b.lang === "json").map((b) => [where(b), b] as const))(
    "%s",
    (_where, block) => {
      expect(() => JSON.parse(block.code)).not.toThrow();
    },
  );
});

describe("every block is checked somewhere", () => {
  it("has a language the checks know: ts (compiled here), json (parsed here), sh (run by npm run check:newcomer), or none (sample output)", () => {
    const unknown = blocks.filter((b) => !["ts", "json", "sh", ""].includes(b.lang)).map(where);
    expect(unknown).toEqual([]);
  });
});
