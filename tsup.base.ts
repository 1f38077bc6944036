import { basename } from "node:path";
import type { Options } from "tsup";

/**
 * The build every package shares: ESM and CommonJS for Node 20, no source maps. A package's `tsup.config.ts` spreads
 * it, adds its entries (and anything only it needs) and takes its declarations from {@link declarationEntries}.
 * @example
 * ```ts
 * import { defineConfig } from "tsup";
 * import { declarationEntries, tsupBase } from "../../tsup.base.js";
 * export default defineConfig({ ...tsupBase, entry: ["src/index.ts"], dts: { entry: declarationEntries(["src/index.ts"]) } });
 * ```
 */
export const tsupBase = {
  format: ["esm", "cjs"],
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: false,
} satisfies Options;

/**
 * tsup's `dts.entry` for a package's entry points: the declarations that `npm run build:declarations`
 * (tsconfig.declarations.json: one TypeScript program for every package) emitted into the root's
 * dist/declarations/. tsup then only bundles ready `.d.ts` files into `dist/*.d.ts` and `dist/*.d.cts`, instead of
 * building a TypeScript program of its own per package (about 3-8 s of CPU each). Run from the package's folder,
 * as tsup is.
 * @example
 * ```ts
 * declarationEntries(["src/index.ts", "src/node.ts"]);
 * // in packages/core: { index: "../../dist/declarations/packages/core/src/index.d.ts", node: "…/src/node.d.ts" }
 * ```
 */
export function declarationEntries(entries: readonly string[]): Record<string, string> {
  const pkg = basename(process.cwd());
  return Object.fromEntries(
    entries.map((entry) => [
      basename(entry, ".ts"),
      `../../dist/declarations/packages/${pkg}/${entry.replace(/\.ts$/, ".d.ts")}`,
    ]),
  );
}
