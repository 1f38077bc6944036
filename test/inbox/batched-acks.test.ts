import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { type ArgyleInbox, createInbox, deliveryJobId } from "@argyle-webhooks/inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, signedDelivery } from "../helpers/deliveries.js";

const SECRET = "batched-acks";
const keyOf = (body: string) => createHash("sha256").update(body).digest("hex");

describe("acknowledgements arriving together share one insert (embedded PGlite inbox)", () => {
  const root = mkdtempSync(join(tmpdir(), "argyle-inbox-batched-"));
  let inbox: ArgyleInbox;
  let webhooks: ArgyleWebhooks;

  beforeAll(async () => {
    inbox = await createInbox({
      directory: join(root, "inbox"),
      queue: "batched",
      retryLimit: 3,
      retryDelaySeconds: 2,
      expireInSeconds: 120,
      onError: () => undefined,
    });
    webhooks = new ArgyleWebhooks({ secret: SECRET, inbox, logger: false });
    webhooks.onGigsUpdated(() => undefined);
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("a key sent 30 times at once beside 50 others: one job each, one 200 ok per key, the rest 200 duplicate", async () => {
    const repeated = signedDelivery("gigs.updated", SECRET, (m) => {
      (m.data as Record<string, unknown>).updated_count = -1;
    });
    const distinct = Array.from({ length: 50 }, (_, i) =>
      signedDelivery("gigs.updated", SECRET, (m) => {
        (m.data as Record<string, unknown>).updated_count = i;
      }),
    );
    const sent = [...Array.from({ length: 30 }, () => repeated), ...distinct];
    const answers = await Promise.all(
      sent.map((d) => webhooks.receive({ rawBody: d.body, headers: d.headers })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const bodies = answers.map((a) => json(a.body));
    expect(bodies.slice(0, 30).filter((b) => b.duplicate !== true)).toHaveLength(1);
    expect(bodies.slice(30).every((b) => b.duplicate !== true)).toBe(true);
    const stats = await inbox.stats();
    expect([stats.total, stats.pending]).toEqual([51, 51]);
    // Sent again after the commit: every one is a duplicate, no job added.
    const again = await Promise.all(
      sent.map((d) => webhooks.receive({ rawBody: d.body, headers: d.headers })),
    );
    expect(again.every((a) => a.status === 200 && json(a.body).duplicate === true)).toBe(true);
    expect((await inbox.stats()).total).toBe(51);
  });

  it("a stored job carries the queue's retries, backoff, expiry and retention, as pg-boss's send would give it", async () => {
    const d = signedDelivery("gigs.updated", SECRET, (m) => {
      (m.data as Record<string, unknown>).updated_count = 1000;
    });
    expect((await webhooks.receive({ rawBody: d.body, headers: d.headers })).status).toBe(200);
    const job = await inbox.boss.getJobById("batched", deliveryJobId(keyOf(d.body)));
    expect(job).toMatchObject({
      name: "batched",
      state: "created",
      retryLimit: 3,
      retryDelay: 2,
      retryBackoff: true,
      policy: "standard",
    });
    expect(Number((job as unknown as { expireInSeconds: unknown }).expireInSeconds)).toBe(120);
    // Pending deliveries are kept (about ten years), never dropped unprocessed.
    const keepUntil = new Date((job as unknown as { keepUntil: string }).keepUntil).getTime();
    expect(keepUntil - Date.now()).toBeGreaterThan(5 * 365 * 86_400_000);
    expect(JSON.parse(String((await inbox.get(keyOf(d.body)))?.body)).data.updated_count).toBe(1000);
  });
});
