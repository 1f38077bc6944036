import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { createInbox } from "@argyle-webhooks/inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedDelivery } from "../helpers/deliveries.js";
import { runCli } from "../testing/run-cli.js";
import { waitFor } from "./fixtures/inbox-processes.js";

describe("argyle-webhooks inbox (the CLI on an embedded inbox)", () => {
  const root = mkdtempSync(join(tmpdir(), "argyle-inbox-cli-"));
  const directory = join(root, "inbox");
  const keys: string[] = [];

  beforeAll(async () => {
    // Two deliveries: one done, one dead (its handler always fails, no retries).
    const inbox = await createInbox({ directory, retryLimit: 0, onError: () => undefined });
    const webhooks = new ArgyleWebhooks({ secret: "cli", inbox, logger: false });
    webhooks.onGigsAdded((event) => {
      if (event.data.added_count === 2) throw new Error("upstream said no");
    });
    for (const count of [1, 2]) {
      const d = signedDelivery("gigs.added", "cli", (m) => {
        (m.data as Record<string, unknown>).added_count = count;
      });
      await webhooks.receive({ rawBody: d.body, headers: d.headers });
    }
    await inbox.work({ pollingIntervalSeconds: 0.2 });
    await waitFor(async () => (await inbox.stats()).done + (await inbox.stats()).dead === 2, 15_000);
    for (const entry of await inbox.list()) keys.push(entry.deliveryKey);
    await inbox.close();
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(["inbox", ...args, "--directory", directory]);

  it("status --json counts deliveries per state", async () => {
    const run = await cli("status", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ done: 1, dead: 1, total: 2 });
  }, 30_000);

  it("list --state dead shows the failure; show prints the body as received, never a signature", async () => {
    const list = await cli("list", "--state", "dead", "--json");
    expect(list.code).toBe(0);
    const [dead] = JSON.parse(list.stdout) as { deliveryKey: string; lastError: string; attempts: number }[];
    expect(dead?.lastError).toContain("upstream said no");
    expect(dead?.attempts).toBe(1);
    const show = await cli("show", String(dead?.deliveryKey).slice(0, 12));
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('"event": "gigs.added"');
    expect(show.stdout).toContain("state: dead");
    expect(show.stdout.toLowerCase()).not.toContain("x-argyle-signature");
  }, 30_000);

  it("retry and redrive put dead deliveries back; purge deletes finished ones; bad arguments exit 2", async () => {
    const dead = keys.find(Boolean) as string;
    const retry = await cli("retry", "ffffffffffff");
    expect(retry.code).toBe(1);
    const redrive = await cli("redrive", "--json");
    expect(JSON.parse(redrive.stdout)).toEqual({ redriven: 1 });
    const status = JSON.parse((await cli("status", "--json")).stdout);
    expect(status).toMatchObject({ retrying: 1, done: 1 });
    const purge = await cli("purge", "--json");
    expect(JSON.parse(purge.stdout)).toEqual({ purged: 1 });
    expect((await cli("nope")).code).toBe(2);
    expect((await cli("list", "--state", "sideways")).code).toBe(2);
    expect(dead).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);
});
