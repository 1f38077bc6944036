import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInbox, deliveryJobId } from "@argyle-webhooks/inbox";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import {
  type AppProcess,
  deliveries,
  pool,
  post,
  readRuns,
  startApp,
  stopApp,
  waitFor,
} from "./fixtures/inbox-processes.js";

const keyOf = (body: string) => createHash("sha256").update(body).digest("hex");

describe("embedded inbox (PGlite) survives SIGKILL", () => {
  const root = mkdtempSync(join(tmpdir(), "argyle-inbox-crash-"));
  const directory = join(root, "inbox");
  const runs = join(root, "runs.log");
  let app: AppProcess | undefined;
  afterAll(async () => {
    await stopApp(app);
    rmSync(root, { recursive: true, force: true });
  });

  it("completes every delivery answered 200, makes no second job, reruns only what was active at the kill", async () => {
    const env = { role: "both", directory, runs, handlerMs: "40" };
    app = await startApp(env);
    const sent = deliveries(200, "crash");
    const first = await pool(sent, 8, (d) => post((app as AppProcess).port, d));
    expect(first.map((r) => r.status)).toEqual(sent.map(() => 200));
    expect(first.every((r) => r.body.duplicate === undefined)).toBe(true);
    // Duplicates before the kill are recognised and make no second job.
    const before = await pool(sent.slice(0, 20), 4, (d) => post((app as AppProcess).port, d));
    expect(before.map((r) => r.body.duplicate)).toEqual(before.map(() => true));

    // Kill while handlers are running: some deliveries done, others not yet.
    expect(await waitFor(() => readRuns(runs).done.size >= 40, 20_000)).toBe(true);
    await stopApp(app, "SIGKILL");
    const atKill = readRuns(runs);
    expect(atKill.done.size).toBeLessThan(200);
    // "Active at the kill" is the queue's view, read from the data directory before anything reopens it: a handler
    // that started and had not returned is active, and so is one that returned but whose completion was not yet
    // committed (the worker completes in batches). Those, and only those, may run again.
    const keys = sent.map((d) => keyOf(d.body));
    const database = await PGlite.create(directory);
    const rows = await database.query<{ id: string }>(
      "SELECT id::text AS id FROM pgboss.job WHERE name = 'argyle-webhooks' AND state = 'active'",
    );
    await database.close();
    const activeIds = new Set(rows.rows.map((r) => r.id));
    const activeAtKill = new Set(keys.filter((k) => activeIds.has(deliveryJobId(k))));
    for (const key of atKill.starts.keys())
      if (!atKill.done.has(key)) expect(activeAtKill.has(key)).toBe(true);

    app = await startApp(env);
    const after = await pool(sent, 8, (d) => post((app as AppProcess).port, d));
    expect(after.map((r) => [r.status, r.body.duplicate])).toEqual(after.map(() => [200, true]));

    expect(await waitFor(() => keys.every((k) => readRuns(runs).done.has(k)), 40_000)).toBe(true);
    await stopApp(app, "SIGTERM");
    app = undefined;

    const final = readRuns(runs);
    const ranTwice = [...final.starts].filter(([, n]) => n > 1).map(([k]) => k);
    for (const key of ranTwice) expect(activeAtKill.has(key)).toBe(true);
    expect(final.starts.size).toBe(200);

    const inbox = await createInbox({ directory });
    try {
      const stats = await inbox.stats();
      expect(stats.total).toBe(200);
      expect(stats.done).toBe(200);
      const entry = await inbox.get(keys[0] as string);
      expect(entry?.state).toBe("done");
      expect(entry?.body).toBe(sent[0]?.body);
    } finally {
      await inbox.close();
    }
  }, 120_000);
});
