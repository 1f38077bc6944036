import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { argyleWebhookEventNames } from "@argyle-webhooks/core";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { afterEach, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "./receiver.js";
import { CLI, runCli } from "./run-cli.js";

const secret = "whsec-first-contact";
let receiver: Receiver | undefined;
let server: Server | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Runs the CLI with its stdout pipe closed by the reader at once, as `| head -0` would. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const { ARGYLE_WEBHOOK_SECRET: _ignored, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a closed stdout (argyle-webhooks events | head -3)", () => {
  it("events exits 0 without a stack trace", async () => {
    const run = await runWithClosedStdout(["events"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("trigger all still sends every delivery and exits 0 quietly", async () => {
    receiver = await startReceiver(secret);
    const run = await runWithClosedStdout(["trigger", "all", "--url", receiver.url, "--secret", secret]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(receiver.received.map((r) => r.event)).toEqual([...argyleWebhookEventNames]);
  });
});

describe("small CLI bugs", () => {
  it("example --set __proto__.x=1 is a usage error (exit 2), not a stack trace", async () => {
    const run = await runCli(["example", "gigs.updated", "--set", "__proto__.x=1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"__proto__" cannot be set/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("--url localhost:3000 says the scheme is missing", async () => {
    const run = await runCli(["trigger", "gigs.updated", "--url", "localhost:3000", "--secret", "s"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url "localhost:3000" has no http:// or https:// in front');
    expect(run.stderr).toContain("--url http://localhost:3000");
  });

  it("verify with a malformed signature exits 1 (invalid), as documented", async () => {
    const run = await runCli(["verify", "--secret", "s", "--signature", "abc", "-"], "{}");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^invalid: --signature is not 128 hex digits/);
  });

  it("--set data.ids.0=x creates an array", async () => {
    const run = await runCli(["example", "users.fully_synced", "--set", "data.ids.0=x", "--compact"]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { data: { ids: unknown } }).data.ids).toEqual(["x"]);
  });

  it("trigger marks a duplicate 200 and a pending 202 instead of a plain 2xx", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handler = createNodeHandler({
      secret,
      dedupe: true,
      timeoutMs: 50,
      logger: false,
      handlers: { onUsersFullySynced: () => gate },
    });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const first = await runCli(["trigger", "users.fully_synced", "--url", url, "--secret", secret]);
    release();
    const again = await runCli(["trigger", "users.fully_synced", "--url", url, "--secret", secret]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /\[1\/1\] 202 {2}users\.fully_synced {2}\d+ ms {2}pending \(handlers still running/,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /\[1\/1\] 200 {2}users\.fully_synced {2}\d+ ms {2}duplicate \(already handled/,
    );
  });
});

describe("the bin", () => {
  it("is a committed file that npm links at install time, and it runs the built CLI", async () => {
    const bin = fileURLToPath(new URL("../../node_modules/.bin/argyle-webhooks", import.meta.url));
    const { readlinkSync, realpathSync } = await import("node:fs");
    expect(readlinkSync(bin)).toBe("../@argyle-webhooks/testing/bin/argyle-webhooks.js");
    const target = realpathSync(bin);
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [target, "events", "gigs.*"], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout }));
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("onGigsPartiallySynced");
  });
});
