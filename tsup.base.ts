import type { Options } from "tsup";

/**
 * The build every package shares: ESM and CommonJS for Node 20, with declarations, no source maps. A package's
 * `tsup.config.ts` spreads it and adds its entries (and anything only it needs).
 * @example
 * ```ts
 * import { defineConfig } from "tsup";
 * import { tsupBase } from "../../tsup.base.js";
 * export default defineConfig({ ...tsupBase, entry: ["src/index.ts"] });
 * ```
 */
export const tsupBase = {
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: false,
} satisfies Options;
