import { resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import { defineConfig } from "tsup";
import { declarationEntries, tsupBase } from "../../tsup.base.js";

const SRC = resolve(import.meta.dirname, "src");

/** Modules the web build (`dist/web/`) swaps for their Web-API twins: Web Crypto, TextDecoder, plain JS. */
const WEB_TWINS: Record<string, string> = {
  "./signature.js": "web-signature.ts",
  "./decode-utf8.js": "web-decode-utf8.ts",
  "./delivery-key.js": "web-delivery-key.ts",
  // The lazy node:net loader reads process.getBuiltinModule, which Next.js's edge runtime turns into a throw.
  "./is-ip.js": "web-is-ip.ts",
  "node:net": "web-is-ip.ts",
};

const webTwins: Plugin = {
  name: "web-twins",
  setup(b) {
    b.onResolve({ filter: /^(\.\/[\w-]+\.js|node:.*|[a-z_]+)$/ }, (args) => {
      const twin = WEB_TWINS[args.path];
      if (twin) return { path: resolve(SRC, twin) };
      if (args.path.startsWith("node:") || !args.path.startsWith("."))
        return { errors: [{ text: `${args.path} would put a Node built-in into the web build` }] };
      return undefined;
    });
  },
};

/** The Fetch handler for runtimes without Node built-ins (Workers, Next.js edge, Deno): ESM, no `node:` import. */
async function buildWeb(): Promise<void> {
  await build({
    entryPoints: { fetch: resolve(SRC, "fetch.ts") },
    outdir: resolve(import.meta.dirname, "dist/web"),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    plugins: [webTwins],
    logLevel: "warning",
  });
}

const ENTRIES = [
  "src/index.ts",
  "src/node.ts",
  "src/fetch.ts",
  "src/web-crypto.ts",
  "src/validators.ts",
  "src/examples.ts",
];

export default defineConfig({
  ...tsupBase,
  entry: ENTRIES,
  dts: { entry: declarationEntries(ENTRIES) },
  splitting: true,
  treeshake: true,
  onSuccess: buildWeb,
});
