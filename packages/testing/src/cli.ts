#!/usr/bin/env node
/**
 * The `argyle-webhooks` command: see `argyle-webhooks --help`.
 * @module
 */
import { runCli } from "./cli/run-cli.js";

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
