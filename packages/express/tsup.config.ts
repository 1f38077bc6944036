import { defineConfig } from "tsup";
import { declarationEntries, tsupBase } from "../../tsup.base.js";

export default defineConfig({
  ...tsupBase,
  entry: ["src/index.ts"],
  dts: { entry: declarationEntries(["src/index.ts"]) },
});
