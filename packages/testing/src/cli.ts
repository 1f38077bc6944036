#!/usr/bin/env node
import { closableStdout } from "./cli/closable-stdout.js";
/**
 * The `argyle-webhooks` command: see `argyle-webhooks --help`.
 * @module
 */
import { runCli } from "./cli/run-cli.js";

void runCli(process.argv.slice(2), {
  stdout: closableStdout(process.stdout),
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
