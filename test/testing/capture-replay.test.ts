import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { createDelivery, formatReplayLine, sendDelivery } from "@argyle-webhooks/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { startReceiver } from "./receiver.js";
import { runCli } from "./run-cli.js";

const secret = "whsec-capture";
let dir: string;
let server: Server | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "argyle-capture-"));
});
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

it("the README's capture recipe stores bodies without their signatures, and replay signs them again", async () => {
  const captured = join(dir, "captured.jsonl");
  // The README recipe, as written there.
  const webhooks = new ArgyleWebhooks({ secret, logger: false });
  webhooks.onAny(async (_event, context) => {
    await appendFile(captured, `${formatReplayLine({ body: context.rawBody, headers: context.headers })}\n`);
  });
  server = createServer(createNodeHandler(webhooks));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const delivery = createDelivery("gigs.updated", { data: { updated_count: 4 } }, { secret });
  expect((await sendDelivery(url, delivery)).status).toBe(200);

  const text = await readFile(captured, "utf8");
  expect(JSON.parse(text)).toEqual({ body: delivery.body, headers: { "content-type": "application/json" } });
  expect(text).not.toContain(delivery.headers["x-argyle-signature"]);

  const receiver = await startReceiver(secret);
  try {
    const unsigned = await runCli(["replay", captured, "--url", receiver.url]);
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr).toContain(
      "line 1: a recorded delivery without its signature must be signed again",
    );
    const replayed = await runCli(["replay", captured, "--url", receiver.url, "--secret", secret]);
    expect(replayed.code).toBe(0);
    expect(receiver.received.map((r) => r.body)).toEqual([delivery.body]);
  } finally {
    await receiver.close();
  }
});
