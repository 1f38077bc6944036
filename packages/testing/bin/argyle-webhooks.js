#!/usr/bin/env node
// The `argyle-webhooks` bin. It is a committed file (not the build output) so that `npm ci` can link it in a fresh
// clone before anything is built; it runs the built CLI in ../dist/cli.js.
import("../dist/cli.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.js")) {
    process.stderr.write(
      "argyle-webhooks: the CLI is not built yet (packages/testing/dist/cli.js is missing): run `npm run build` first.\n",
    );
    process.exitCode = 2;
    return;
  }
  throw error;
});
