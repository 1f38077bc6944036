// Issue 12 finding 10 (no part of a credential in errors or CLI output) and issue 13 item 3 (misspelt options).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArgyleClient } from "@argyle-webhooks/client";
import { describe, expect, it } from "vitest";
import { runSubscriptions } from "./run-subscriptions.js";

const KEY_ID = "key-id-0187";
const KEY_SECRET = 'key-secret-"quoted"\\slash';
const BASIC_TOKEN = Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString("base64");

function everything(error: unknown): string {
  const e = error as Error & Record<string, unknown>;
  return [
    e.message,
    String(e.stack),
    JSON.stringify(e),
    ...Object.values(e).map((v) => JSON.stringify(v)),
  ].join("\n");
}

describe("client redaction", () => {
  it("an answer echoing the bare Basic token or the JSON-escaped secret is redacted in the error", async () => {
    const server = createServer((req, res) => {
      const echoed = JSON.stringify({
        got: req.headers.authorization?.slice("Basic ".length),
        secret: KEY_SECRET,
      });
      res.writeHead(500, { "content-type": "text/plain" }).end(`oops ${echoed}`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const client = createArgyleClient({
        apiKeyId: KEY_ID,
        apiKeySecret: KEY_SECRET,
        environment: `http://127.0.0.1:${port}/v2`,
        retry: false,
      });
      const error = await client.webhooks.get("some-id").catch((e: unknown) => e);
      const text = everything(error);
      expect(text).toContain("oops");
      expect(text).not.toContain(BASIC_TOKEN);
      expect(text).not.toContain(JSON.stringify(KEY_SECRET).slice(1, -1));
      expect(text).not.toContain("key-secret");
    } finally {
      server.close();
    }
  });

  it("a 401 or 403 error names the key id's length but no part of it", async () => {
    let status = 401;
    const server = createServer((_req, res) => {
      res.writeHead(status, { "content-type": "application/json" }).end('{"detail":"no"}');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const client = createArgyleClient({
        apiKeyId: KEY_ID,
        apiKeySecret: KEY_SECRET,
        environment: `http://127.0.0.1:${port}/v2`,
        retry: false,
      });
      for (status of [401, 403]) {
        const text = everything(await client.webhooks.get("some-id").catch((e: unknown) => e));
        expect(text).toContain(`(${KEY_ID.length} chars)`);
        expect(text).not.toContain(KEY_ID.slice(0, 4));
        expect(text).not.toContain(KEY_ID.slice(-4));
      }
    } finally {
      server.close();
    }
  });

  it("the subscriptions CLI quotes no part of a sync file with a syntax error next to a secret", async () => {
    const dir = await mkdtemp(join(tmpdir(), "argyle-redact-"));
    try {
      for (const text of [
        '{"prefix":"p:","subscriptions":[{"name":"p:a","secret": s3cr3t-value-abcdef}]}',
        '{"prefix":"p:","subscriptions":[{"name":"p:a","secret":"s3cr3t-value-abcdef" x}]}',
      ]) {
        const file = join(dir, "desired.json");
        await writeFile(file, text);
        const { code, all: out } = await runSubscriptions(
          ["sync", "--file", file, "--prefix", "p:", "--dry-run"],
          {
            ARGYLE_API_KEY_ID: KEY_ID,
            ARGYLE_API_KEY_SECRET: "x-secret-value",
            ARGYLE_API_BASE_URL: "http://127.0.0.1:9/v2",
          },
        );
        expect(code).toBe(2);
        expect(out).toMatch(/is not valid JSON/);
        expect(out).not.toMatch(/s3cr|cr3t|abcdef/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("client options: misspelt names are refused with a suggestion", () => {
  it.each([
    [
      { apiKeyId: "a", apiKeySecret: "bb", timeoutMS: 5 },
      /unknown option "timeoutMS"; did you mean "timeoutMs"\?/,
    ],
    [{ apiKeyId: "a", apiKeySecret: "bb", enviroment: "production" }, /did you mean "environment"\?/],
    [{ apiKeyId: "a", apiKeySecret: "bb", retry: { retry: 1 } }, /did you mean "retries"\?/],
  ])("%j", (options, message) => {
    expect(() => createArgyleClient(options as never)).toThrowError(message);
  });
  it("sync options too", async () => {
    const client = createArgyleClient({ apiKeyId: "a", apiKeySecret: "bb" });
    await expect(client.webhooks.sync([], { prefix: "p:", dryrun: true } as never)).rejects.toThrowError(
      /did you mean "dryRun"\?/,
    );
  });
});
