import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { defineConfig } from "tsup";
import { declarationEntries, tsupBase } from "../../tsup.base.js";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  ...tsupBase,
  // src/cli.ts is the `argyle-webhooks` bin (dist/cli.js, shebang kept from the source); it is not an export.
  entry: ["src/index.ts", "src/cli.ts"],
  dts: { entry: declarationEntries(["src/index.ts"]) },
  define: { __ARGYLE_WEBHOOKS_VERSION__: JSON.stringify(version) },
  // The bin is ESM only: drop the CommonJS copy of it.
  onSuccess: async () => {
    await rm("dist/cli.cjs", { force: true });
  },
});
