/**
 * Servers of `bench/inbox.ts`, one per child process: `tsx bench/inbox-servers.ts <scenario> [databaseUrl]` prints
 * `port <n>`. `in-process`: Express 5 running the handler inside the request; `inbox-pglite` / `inbox-postgres`:
 * Express 5 with `inbox` (answer after commit) and a worker in the same process running the same handler;
 * `inbox-postgres-ack-only`: the same without the worker; `inbox-postgres-send`: the acknowledgement as it was
 * before it was batched (one pg-boss `send()` per delivery), same worker, to compare both in one run (also
 * `inbox-pglite-send`);
 * `inbox-bullmq`: the inbox on BullMQ at $REDIS_URL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ArgyleInboxDelivery, ArgyleInboxPort } from "@argyle-webhooks/core";
import { argyleWebhooks } from "@argyle-webhooks/express";
import { type ArgyleInbox, createInbox, deliveryJobId } from "@argyle-webhooks/inbox";
import express from "express";

const SECRET = "bench-secret";
let handled = 0;
const handlers = { onGigsUpdated: () => void handled++ };
const [scenario = "", databaseUrl] = process.argv.slice(2);

/** The acknowledgement before batching: one `boss.send()` (one INSERT round trip) per delivery. */
function sendPerDelivery(inbox: ArgyleInbox): ArgyleInboxPort {
  return {
    storeTimeoutMs: inbox.storeTimeoutMs,
    retryAfterSeconds: inbox.retryAfterSeconds,
    attach: (run) => inbox.attach(run),
    async store(delivery: ArgyleInboxDelivery) {
      const data = {
        key: delivery.deliveryKey,
        body: Buffer.from(delivery.rawBody).toString("utf8"),
        event: delivery.event,
        subscription: delivery.subscription ?? null,
        account: delivery.account ?? null,
        receivedAt: delivery.receivedAt.toISOString(),
      };
      const created = await inbox.boss.send(inbox.queue, data, { id: deliveryJobId(delivery.deliveryKey) });
      return created === null ? "duplicate" : "stored";
    },
  };
}

const app = express();
let cleanup = async () => undefined as unknown;
if (scenario === "in-process") {
  app.use("/webhooks/argyle", argyleWebhooks({ secret: SECRET, handlers }));
} else if (scenario.startsWith("inbox-")) {
  const directory = mkdtempSync(join(tmpdir(), "argyle-bench-inbox-"));
  const inbox = await createInbox(
    scenario === "inbox-bullmq"
      ? { bullmq: { connection: process.env.REDIS_URL ?? "" }, queue: `bench-${process.pid}` }
      : scenario.startsWith("inbox-postgres")
        ? { connectionString: databaseUrl, queue: `bench-${process.pid}`, max: 10 }
        : { directory },
  );
  const port: ArgyleInboxPort = scenario.endsWith("-send") ? sendPerDelivery(inbox as ArgyleInbox) : inbox;
  app.use("/webhooks/argyle", argyleWebhooks({ secret: SECRET, handlers, inbox: port }));
  // "-ack-only": no worker, so the run measures the acknowledgement path alone.
  if (!scenario.endsWith("-ack-only")) await inbox.work({ concurrency: 8, pollingIntervalSeconds: 0.1 });
  cleanup = async () => {
    // Workers first: a job completing while the queue is obliterated is an error.
    await inbox.stopWorkers();
    if ("bullQueue" in inbox) await inbox.bullQueue.obliterate({ force: true });
    await inbox.close();
    rmSync(directory, { recursive: true, force: true });
  };
} else {
  console.error(`unknown scenario "${scenario}"`);
  process.exit(2);
}
const server = app.listen(0, "127.0.0.1", () =>
  console.log(`port ${(server.address() as AddressInfo).port}`),
);
server.keepAliveTimeout = 60_000;
process.on("message", () => process.send?.({ handled }));
process.on("SIGTERM", () => {
  server.close();
  void cleanup().finally(() => process.exit(0));
});
