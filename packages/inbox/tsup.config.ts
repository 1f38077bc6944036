import { defineConfig } from "tsup";
import { declarationEntries, tsupBase } from "../../tsup.base.js";

export default defineConfig({
  ...tsupBase,
  entry: ["src/index.ts"],
  dts: { entry: declarationEntries(["src/index.ts"]) },
  shims: true,
  // dist/pglite-data-dir.tar.gz is the build:data-dir task's (prepare-data-dir.mjs), which turbo runs first.
  clean: ["!pglite-data-dir.tar.gz"],
});
