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

/** The fragment of test "a misspelt event in on(...)": a compile error is what it checks. */
const TYPO_FILE = "on-typo.ts";
const TYPO = `import { ArgyleWebhooks } from "@argyle-webhooks/core";
new ArgyleWebhooks({ secret: "s" }).on("gigs.partialy_synced", (event) => event);
`;

interface Compiled {
  /** README fragment file name -> its block. */
  files: Map<string, CodeBlock>;
  /** tsc's diagnostics (`--pretty false`), each with its continuation lines, in tsc's order. */
  diagnostics: { file: string; line: number; text: string }[];
}

/**
 * One tsc run (strict, nodenext, against the built packages) over every TypeScript block of the READMEs, each its
 * own file, plus {@link TYPO}: one program instead of two, so lib.d.ts, @types/node and the packages' declarations
 * are read and bound once.
 */
async function compileFragments(ts: CodeBlock[]): Promise<Compiled> {
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
  writeFileSync(join(work, TYPO_FILE), TYPO);
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
  const diagnostics: Compiled["diagnostics"] = [];
  for (const line of output.split("\n")) {
    const at = /^(.+?\.ts)\((\d+),(\d+)\): /.exec(line);
    const last = diagnostics[diagnostics.length - 1];
    if (at) diagnostics.push({ file: at[1] as string, line: Number(at[2]), text: line });
    else if (last && /^\s/.test(line)) last.text += `\n${line}`;
    else if (line.trim() !== "") diagnostics.push({ file: "", line: 0, text: line });
  }
  return { files, diagnostics };
}

const ts = blocks.filter((b) => b.lang === "ts" || b.lang === "typescript");
let compiled: Promise<Compiled> | undefined;
const compiledOnce = () => {
  compiled ??= compileFragments(ts);
  return compiled;
};

describe("every TypeScript block of the READMEs compiles against the built packages", () => {
  it("compiles them all with tsc (strict, nodenext), reporting each error at its README line", async () => {
    expect(ts.length).toBeGreaterThan(20);
    const { files, diagnostics } = await compiledOnce();
    const errors = diagnostics
      .filter((d) => d.file !== TYPO_FILE && /error TS\d+/.test(d.text.split("\n")[0] as string))
      .map((d) => {
        const block = files.get(d.file);
        const message = /^.+?\.ts\(\d+,\d+\): (.*)$/.exec(d.text.split("\n")[0] as string)?.[1];
        return block && message
          ? `${relative(root, block.file)}:${block.line + d.line - 2}: ${message}`
          : (d.text.split("\n")[0] as string);
      });
    expect(errors).toEqual([]);
  }, 120_000);
});

// Moved here from test/types/on-typo-message.test.ts, to share the tsc run above.
it("a misspelt event in on(...) is a short compile error that names the family's events", async () => {
  const output = (await compiledOnce()).diagnostics
    .filter((d) => d.file === TYPO_FILE)
    .map((d) => `${d.text}\n`)
    .join("");
  expect(output).toContain(
    `not assignable to parameter of type '"gigs.added" | "gigs.fully_synced" | "gigs.partially_synced" | "gigs.removed" | "gigs.updated" | "gigs.*"'`,
  );
  expect(output.length).toBeLessThan(1000); // it was ~1,700 characters of message types before
}, 120_000);

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
