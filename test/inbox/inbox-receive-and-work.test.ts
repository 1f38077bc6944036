import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ArgyleInboxContext, ArgyleWebhooks } from "@argyle-webhooks/core";
import { type ArgyleInbox, createInbox } from "@argyle-webhooks/inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, signedDelivery } from "../helpers/deliveries.js";
import { waitFor } from "./fixtures/inbox-processes.js";

const SECRET = "receive-and-work";

describe("inbox option on an embedded PGlite inbox", () => {
  const root = mkdtempSync(join(tmpdir(), "argyle-inbox-unit-"));
  let inbox: ArgyleInbox;
  let webhooks: ArgyleWebhooks;
  const contexts: ArgyleInboxContext[] = [];
  let failuresLeft = new Map<number, number>();
  const running = new Map<string, number>();
  let overlapped = false;

  beforeAll(async () => {
    inbox = await createInbox({
      directory: join(root, "inbox"),
      retryLimit: 2,
      retryDelaySeconds: 1,
      serializeBy: "account",
      onError: () => undefined,
    });
    webhooks = new ArgyleWebhooks({ secret: SECRET, inbox, logger: false });
    webhooks.onGigsAdded(async (event, context) => {
      contexts.push(context as ArgyleInboxContext);
      const account = event.data.account ?? "";
      running.set(account, (running.get(account) ?? 0) + 1);
      if ((running.get(account) ?? 0) > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 30));
      running.set(account, (running.get(account) ?? 1) - 1);
      const count = event.data.added_count ?? -1;
      const left = failuresLeft.get(count) ?? 0;
      if (left > 0) {
        failuresLeft.set(count, left - 1);
        throw new Error(`sync failed for ${event.data.added_count}`);
      }
    });
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const send = (mutate: (m: Record<string, unknown>) => void, secret = SECRET) => {
    const d = signedDelivery("gigs.added", secret, mutate);
    return webhooks.receive({ rawBody: d.body, headers: d.headers });
  };
  const data = (m: Record<string, unknown>) => m.data as Record<string, unknown>;

  it("answers 200 once committed and 200 duplicate for the same delivery; stores the body as received", async () => {
    const d = signedDelivery("gigs.added", SECRET, (m) => {
      data(m).added_count = 1;
    });
    const first = await webhooks.receive({ rawBody: d.body, headers: d.headers });
    expect([first.status, json(first.body)]).toEqual([200, { ok: true }]);
    const again = await webhooks.receive({ rawBody: d.body, headers: d.headers });
    expect([again.status, json(again.body)]).toEqual([200, { ok: true, duplicate: true }]);
    const [entry] = await inbox.list();
    expect(entry?.state).toBe("pending");
    expect(entry?.body).toBe(d.body);
    expect(entry?.event).toBe("gigs.added");
    expect(entry?.subscription).toBe("name-for-the-webhook-subscription");
    expect(JSON.stringify(entry)).not.toContain(d.headers["x-argyle-signature"]);
    expect((await inbox.stats()).total).toBe(1);
  });

  it("never writes an unsigned, forged or malformed request", async () => {
    const forged = await send(() => undefined, "not-the-secret");
    expect(forged.status).toBe(401);
    const bad = await webhooks.receive({
      rawBody: '{"event":1}',
      headers: {
        "content-type": "application/json",
        "x-argyle-signature": signedDelivery("gigs.added", SECRET).headers["x-argyle-signature"],
      },
    });
    expect(bad.status).toBe(401);
    const { signArgylePayload } = await import("@argyle-webhooks/core");
    const malformed = await webhooks.receive({
      rawBody: '{"event":"gigs.added"}',
      headers: {
        "content-type": "application/json",
        "x-argyle-signature": signArgylePayload('{"event":"gigs.added"}', SECRET),
      },
    });
    expect(malformed.status).toBe(400);
    expect((await inbox.stats()).total).toBe(1);
  });

  it("workers run the same handlers with attempt and receivedAt, retry with backoff, then dead; redrive runs it again", async () => {
    failuresLeft = new Map([
      [2, 1], // fails once, then succeeds
      [3, 99], // fails every attempt: dead after 1 + retryLimit attempts
    ]);
    await send((m) => {
      data(m).added_count = 2;
      data(m).account = "account-b";
    });
    await send((m) => {
      data(m).added_count = 3;
      data(m).account = "account-c";
    });
    await inbox.work({ concurrency: 3, pollingIntervalSeconds: 0.2 });
    expect(
      await waitFor(async () => (await inbox.stats()).dead === 1 && (await inbox.stats()).done === 2, 30_000),
    ).toBe(true);
    const dead = await inbox.list({ state: "dead" });
    expect(dead).toHaveLength(1);
    expect(dead[0]?.attempts).toBe(3);
    expect(dead[0]?.lastError).toContain("sync failed for 3");
    const retried = contexts.filter(
      (c) => JSON.parse(Buffer.from(c.rawBody).toString()).data.added_count === 2,
    );
    expect(retried.map((c) => c.attempt)).toEqual([1, 2]);
    expect(retried[0]?.receivedAt).toBeInstanceOf(Date);
    expect(retried[0]?.deliveryKey).toMatch(/^[0-9a-f]{64}$/);

    failuresLeft.set(3, 0);
    expect(await inbox.redrive()).toBe(1);
    expect(
      await waitFor(async () => (await inbox.get(dead[0]?.deliveryKey as string))?.state === "done", 20_000),
    ).toBe(true);
    expect(await inbox.retry(dead[0]?.deliveryKey as string)).toBe(false); // not dead any more
  }, 60_000);

  it("serialises deliveries of one account (serializeBy: account): reordered deliveries never run at once", async () => {
    overlapped = false;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send((m) => {
          data(m).added_count = 100 + i;
          data(m).account = "account-serial";
        }),
      ),
    );
    expect(await waitFor(async () => (await inbox.stats()).done === 11, 30_000)).toBe(true);
    expect(overlapped).toBe(false);
  }, 60_000);

  it("graceful stop waits for the running handler; purge deletes finished deliveries", async () => {
    let finished = false;
    const slow = (event: { data: { added_count?: number } }) =>
      event.data.added_count === 500
        ? new Promise<void>((resolve) =>
            setTimeout(() => {
              finished = true;
              resolve();
            }, 500),
          )
        : undefined;
    webhooks.onGigsAdded(slow);
    await send((m) => {
      data(m).added_count = 500;
      data(m).account = "account-slow";
    });
    expect(await waitFor(async () => (await inbox.stats()).active === 1, 10_000)).toBe(true);
    await inbox.stopWorkers(10_000);
    expect(finished).toBe(true);
    expect(await waitFor(async () => (await inbox.stats()).done === 12, 5_000)).toBe(true);
    expect(await inbox.purge()).toBe(12);
    expect((await inbox.stats()).total).toBe(0);
  }, 30_000);
});
