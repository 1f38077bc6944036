// The inbox on BullMQ against a real Redis (`npm run test:redis` sets REDIS_URL; skipped without it).
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ArgyleInboxContext, ArgyleWebhooks } from "@argyle-webhooks/core";
import { type ArgyleBullInbox, createInbox, runInboxCli } from "@argyle-webhooks/inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, signedDelivery } from "../../helpers/deliveries.js";
import {
  type AppProcess,
  deliveries,
  freePort,
  pool,
  post,
  readRuns,
  startApp,
  stopApp,
  waitFor,
} from "../fixtures/inbox-processes.js";

const REDIS_URL = process.env.REDIS_URL;
const SECRET = "receive-and-work";
const keyOf = (body: string) => createHash("sha256").update(body).digest("hex");
const data = (m: Record<string, unknown>) => m.data as Record<string, unknown>;

function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
    },
    env: {},
  };
  return runInboxCli(args, io).then((code) => ({ code, stdout, stderr }));
}

describe.skipIf(!REDIS_URL)("inbox on BullMQ (one process)", () => {
  const queue = `unit-${process.pid}-${Date.now()}`;
  let inbox: ArgyleBullInbox;
  let webhooks: ArgyleWebhooks;
  const contexts: ArgyleInboxContext[] = [];
  const failuresLeft = new Map<number, number>();

  beforeAll(async () => {
    inbox = await createInbox({
      bullmq: { connection: REDIS_URL as string },
      queue,
      retryLimit: 2,
      retryDelaySeconds: 0.2,
      onError: () => undefined,
    });
    webhooks = new ArgyleWebhooks({ secret: SECRET, inbox, logger: false });
    webhooks.onGigsAdded(async (event, context) => {
      contexts.push(context as ArgyleInboxContext);
      const count = event.data.added_count ?? -1;
      const left = failuresLeft.get(count) ?? 0;
      if (left > 0) {
        failuresLeft.set(count, left - 1);
        throw new Error(`sync failed for ${count}`);
      }
    });
  }, 30_000);

  afterAll(async () => {
    await inbox?.purge();
    await inbox?.bullQueue.obliterate({ force: true });
    await inbox?.close();
  });

  const send = (mutate: (m: Record<string, unknown>) => void, secret = SECRET) => {
    const d = signedDelivery("gigs.added", secret, mutate);
    return webhooks.receive({ rawBody: d.body, headers: d.headers });
  };

  it("answers 200 once Redis has the job and 200 duplicate for the same delivery (no second job)", async () => {
    const d = signedDelivery("gigs.added", SECRET, (m) => {
      data(m).added_count = 1;
    });
    const first = await webhooks.receive({ rawBody: d.body, headers: d.headers });
    expect([first.status, json(first.body)]).toEqual([200, { ok: true }]);
    const again = await webhooks.receive({ rawBody: d.body, headers: d.headers });
    expect([again.status, json(again.body)]).toEqual([200, { ok: true, duplicate: true }]);
    const entries = await inbox.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.state).toBe("pending");
    expect(entries[0]?.deliveryKey).toBe(keyOf(d.body));
    expect(entries[0]?.body).toBe(d.body);
    expect(JSON.stringify(entries)).not.toContain(d.headers["x-argyle-signature"]);
    expect((await inbox.stats()).total).toBe(1);
  });

  it("never writes a forged or malformed request", async () => {
    expect((await send(() => undefined, "not-the-secret")).status).toBe(401);
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

  it("the worker runs the typed handler with retries, then dead; the CLI lists and retries it", async () => {
    failuresLeft.set(2, 1); // fails once, then succeeds
    failuresLeft.set(3, 99); // fails every attempt: dead after 1 + retryLimit attempts
    await send((m) => {
      data(m).added_count = 2;
    });
    await send((m) => {
      data(m).added_count = 3;
    });
    await inbox.work({ concurrency: 3 });
    expect(
      await waitFor(async () => {
        const s = await inbox.stats();
        return s.dead === 1 && s.done === 2;
      }, 20_000),
    ).toBe(true);
    const [dead] = await inbox.list({ state: "dead" });
    expect(dead?.attempts).toBe(3);
    expect(dead?.lastError).toContain("sync failed for 3");
    const retried = contexts.filter(
      (c) => JSON.parse(new TextDecoder().decode(c.rawBody)).data.added_count === 2,
    );
    expect(retried.map((c) => c.attempt)).toEqual([1, 2]);

    const key = dead?.deliveryKey as string;
    const listed = await cli([
      "list",
      "--state",
      "dead",
      "--json",
      "--redis-url",
      REDIS_URL as string,
      "--queue",
      queue,
    ]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((e: { deliveryKey: string }) => e.deliveryKey)).toEqual([key]);
    const shown = await cli(["show", key.slice(0, 12), "--redis-url", REDIS_URL as string, "--queue", queue]);
    expect([shown.code, shown.stdout.includes("state: dead")]).toEqual([0, true]);

    failuresLeft.set(3, 0);
    const retry = await cli(["retry", key, "--redis-url", REDIS_URL as string, "--queue", queue]);
    expect(retry.code).toBe(0);
    expect(await waitFor(async () => (await inbox.get(key))?.state === "done", 20_000)).toBe(true);
    expect(await inbox.retry(key)).toBe(false); // not dead any more
    const status = await cli(["status", "--json", "--redis-url", REDIS_URL as string, "--queue", queue]);
    expect(JSON.parse(status.stdout)).toMatchObject({ done: 3, dead: 0, total: 3 });
  }, 60_000);

  it("redrive runs every dead delivery again", async () => {
    failuresLeft.set(4, 99);
    await send((m) => {
      data(m).added_count = 4;
    });
    expect(await waitFor(async () => (await inbox.stats()).dead === 1, 20_000)).toBe(true);
    failuresLeft.set(4, 0);
    expect(await inbox.redrive()).toBe(1);
    expect(await waitFor(async () => (await inbox.stats()).done === 4, 20_000)).toBe(true);
  }, 60_000);

  it("a redelivery after the finished job was purged is still a duplicate (the key is kept for the retention)", async () => {
    const d = signedDelivery("gigs.added", SECRET, (m) => {
      data(m).added_count = 1;
    });
    expect(await inbox.purge()).toBe(4);
    expect((await inbox.stats()).total).toBe(0);
    const again = await webhooks.receive({ rawBody: d.body, headers: d.headers });
    expect([again.status, json(again.body)]).toEqual([200, { ok: true, duplicate: true }]);
    expect((await inbox.stats()).total).toBe(0);
  });

  it("refuses serializeBy: account (BullMQ has no per-group serialisation outside BullMQ Pro)", async () => {
    await expect(
      createInbox({ bullmq: { connection: REDIS_URL as string }, serializeBy: "account" }),
    ).rejects.toThrow(/BullMQ Pro/);
  });
});

describe.skipIf(!REDIS_URL)("inbox on BullMQ: your own Queue", () => {
  it("uses its name and prefix, runs the handler, and close() leaves the Queue open", async () => {
    const { Queue } = await import("bullmq");
    const { Redis } = await import("ioredis");
    const connection = new Redis(REDIS_URL as string, { maxRetriesPerRequest: null });
    const own = new Queue(`own-${process.pid}`, { connection, prefix: "argyle-test" });
    const inbox = await createInbox({ bullmq: { queue: own }, onError: () => undefined });
    try {
      expect(inbox.queue).toBe(own.name);
      const ran: string[] = [];
      const webhooks = new ArgyleWebhooks({ secret: SECRET, inbox, logger: false });
      webhooks.onGigsAdded(async (_event, context) => {
        ran.push(context.deliveryKey);
      });
      const d = signedDelivery("gigs.added", SECRET);
      expect((await webhooks.receive({ rawBody: d.body, headers: d.headers })).status).toBe(200);
      expect((await own.getJobCounts("waiting")).waiting).toBe(1);
      await inbox.work();
      expect(await waitFor(() => ran.length === 1, 10_000)).toBe(true);
      expect(ran).toEqual([keyOf(d.body)]);
      await inbox.close();
      expect(await waitFor(async () => (await own.getJobCounts("completed")).completed === 1, 5_000)).toBe(
        true,
      );
    } finally {
      await inbox.close();
      await own.obliterate({ force: true });
      await own.close();
      connection.disconnect();
    }
  }, 30_000);
});

describe.skipIf(!REDIS_URL)("inbox on BullMQ: two receivers and two worker processes", () => {
  let root = "";
  const queue = "argyle-webhooks";
  const apps: AppProcess[] = [];
  let inbox: ArgyleBullInbox;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "argyle-inbox-redis-"));
    inbox = await createInbox({
      bullmq: { connection: REDIS_URL as string },
      queue,
      onError: () => undefined,
    });
    await inbox.bullQueue.obliterate({ force: true });
    const base = { redisUrl: REDIS_URL as string, runs: join(root, "runs.log"), handlerMs: "5" };
    apps.push(
      ...(await Promise.all([
        startApp({ ...base, role: "receiver" }),
        startApp({ ...base, role: "receiver" }),
        startApp({ ...base, role: "worker" }),
        startApp({ ...base, role: "worker" }),
      ])),
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => stopApp(app)));
    await inbox?.bullQueue.obliterate({ force: true });
    await inbox?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("the same 300 deliveries sent to both receivers give exactly 300 jobs and 300 completions", async () => {
    const sent = deliveries(300, "redis-instances");
    const answers = await pool(sent, 10, (d) => Promise.all(apps.slice(0, 2).map((r) => post(r.port, d))));
    for (const pair of answers) {
      expect(pair.map((r) => r?.status)).toEqual([200, 200]);
      expect(pair.filter((r) => r?.body.duplicate === true)).toHaveLength(1);
    }
    const keys = sent.map((d) => keyOf(d.body));
    const runs = join(root, "runs.log");
    expect(await waitFor(() => keys.every((k) => readRuns(runs).done.has(k)), 60_000)).toBe(true);
    const final = readRuns(runs);
    expect(final.done.size).toBe(300);
    expect([...final.done.values()].every((n) => n === 1)).toBe(true);
    expect(await waitFor(async () => (await inbox.stats()).done === 300, 10_000)).toBe(true);
    expect((await inbox.stats()).total).toBe(300);
  }, 120_000);
});

describe.skipIf(!REDIS_URL)("inbox on BullMQ: a receiver and worker process SIGKILLed mid-run", () => {
  let root = "";
  let app: AppProcess | undefined;
  let inbox: ArgyleBullInbox;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "argyle-inbox-redis-crash-"));
    inbox = await createInbox({ bullmq: { connection: REDIS_URL as string }, onError: () => undefined });
    await inbox.bullQueue.obliterate({ force: true });
  }, 30_000);

  afterAll(async () => {
    await stopApp(app);
    await inbox?.bullQueue.obliterate({ force: true });
    await inbox?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("completes every delivery answered 200 after the restart, with no second job", async () => {
    const runs = join(root, "runs.log");
    const env = { role: "both", redisUrl: REDIS_URL as string, runs, handlerMs: "40" };
    app = await startApp(env);
    const sent = deliveries(200, "redis-crash");
    const first = await pool(sent, 8, (d) => post((app as AppProcess).port, d));
    expect(first.map((r) => [r.status, r.body.duplicate])).toEqual(sent.map(() => [200, undefined]));

    expect(await waitFor(() => readRuns(runs).done.size >= 40, 20_000)).toBe(true);
    await stopApp(app, "SIGKILL");
    const atKill = readRuns(runs);
    const activeAtKill = new Set([...atKill.starts.keys()].filter((k) => !atKill.done.has(k)));
    expect(atKill.done.size).toBeLessThan(200);

    app = await startApp(env);
    const after = await pool(sent, 8, (d) => post((app as AppProcess).port, d));
    expect(after.map((r) => [r.status, r.body.duplicate])).toEqual(after.map(() => [200, true]));
    const keys = sent.map((d) => keyOf(d.body));
    // The jobs that were running at the kill come back after their lock (expireInSeconds: 5) expires.
    expect(await waitFor(() => keys.every((k) => readRuns(runs).done.has(k)), 60_000)).toBe(true);
    const final = readRuns(runs);
    for (const [key, n] of final.starts) if (n > 1) expect(activeAtKill.has(key)).toBe(true);
    expect(final.starts.size).toBe(200);
    expect(await waitFor(async () => (await inbox.stats()).done === 200, 10_000)).toBe(true);
    expect((await inbox.stats()).total).toBe(200);
  }, 120_000);
});

const SERVER = process.env.ARGYLE_REDIS_SERVER;

describe.skipIf(!REDIS_URL || !SERVER)("inbox on BullMQ: Redis stopped mid-run", () => {
  let dir = "";
  let port = 0;
  let server: ChildProcess | undefined;
  let inbox: ArgyleBullInbox;
  let webhooks: ArgyleWebhooks;
  const done = new Set<string>();

  const startServer = async () => {
    server = spawn(
      SERVER as string,
      ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--save", "", "--appendonly", "yes"],
      { stdio: "ignore" },
    );
    const { connect } = await import("node:net");
    const up = () =>
      new Promise<boolean>((resolve) => {
        const s = connect(port, "127.0.0.1", () => {
          s.end();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
    expect(await waitFor(up, 10_000)).toBe(true);
  };
  const stopServer = async () => {
    const s = server;
    server = undefined;
    if (!s || s.exitCode !== null) return;
    await new Promise((resolve) => {
      s.once("exit", resolve);
      s.kill("SIGTERM");
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "argyle-redis-outage-"));
    port = await freePort();
    await startServer();
    inbox = await createInbox({
      bullmq: { connection: `redis://127.0.0.1:${port}` },
      storeTimeoutMs: 1000,
      retryAfterSeconds: 2,
      onError: () => undefined,
    });
    webhooks = new ArgyleWebhooks({ secret: SECRET, inbox, logger: false });
    webhooks.onGigsAdded(async (_event, context) => {
      done.add(context.deliveryKey);
    });
    await inbox.work({ concurrency: 2 });
  }, 30_000);

  afterAll(async () => {
    await inbox?.close();
    await stopServer();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 with Retry-After while Redis is away, stores and runs again once it is back", async () => {
    const send = (n: number) => {
      const d = signedDelivery("gigs.added", SECRET, (m) => {
        data(m).added_count = n;
      });
      return webhooks
        .receive({ rawBody: d.body, headers: d.headers })
        .then((r) => ({ r, key: keyOf(d.body) }));
    };
    const before = await send(1);
    expect(before.r.status).toBe(200);
    expect(await waitFor(() => done.has(before.key), 10_000)).toBe(true);

    await stopServer();
    const away = await send(2);
    expect(away.r.status).toBe(503);
    expect(away.r.headers["retry-after"]).toBe("2");

    await startServer();
    let back = await send(2);
    await waitFor(async () => {
      back = await send(2);
      return back.r.status === 200;
    }, 15_000);
    expect(back.r.status).toBe(200);
    expect(await waitFor(() => done.has(back.key), 15_000)).toBe(true);
  }, 60_000);
});
