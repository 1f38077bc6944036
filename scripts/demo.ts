/**
 * `npm run demo`: starts the Express and then the Koa example on an ephemeral port, sends every Argyle event
 * signed, plus one forged delivery and one signed with the wrong secret, prints what each answered and which
 * handler ran, and exits 0 only if every signed delivery reached its typed handler and both bad ones got 401.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type ArgyleWebhookEventName, argyleWebhookEventNames } from "@argyle-webhooks/core";
import { createDelivery, sendDelivery } from "@argyle-webhooks/testing";
import { ADAPTERS, type AdapterEntry } from "../test/helpers/adapter-registry.js";

const SECRET = "demo-secret-not-for-production";

interface Example {
  name: string;
  entry: string;
  /** The handler label the example logs for an event. */
  expected(event: ArgyleWebhookEventName): string;
}

/** The registry's entries that have an example app (test/helpers/adapter-registry.ts). */
const examples: Example[] = ADAPTERS.flatMap(({ example }: AdapterEntry) =>
  example ? [{ name: example.title, entry: example.entry, expected: (e) => example.handlerLabel(e) }] : [],
);

interface Running {
  child: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
}

function start(example: Example): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", example.entry], {
    env: { ...process.env, ARGYLE_WEBHOOK_SECRET: SECRET, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const logs: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${example.name} example did not start within 30 s`)),
      30_000,
    );
    child.once("exit", (code) =>
      reject(new Error(`${example.name} example exited with ${code} before listening`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const listening = /^listening on (\S+)/.exec(line);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: listening[1], logs });
      } else if (line.startsWith("{")) logs.push(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

/** Waits briefly for the example's log line of `event` (stdout is a pipe, so it may trail the response). */
async function handlersOf(running: Running, event: string, subscription: string): Promise<string[]> {
  const match = () =>
    running.logs
      .filter((l) => l.event === event && l.subscription === subscription)
      .map((l) => String(l.handler));
  for (let waited = 0; match().length === 0 && waited < 2000; waited += 20)
    await new Promise((r) => setTimeout(r, 20));
  return match();
}

function stop(running: Running): Promise<void> {
  return new Promise((resolve) => {
    if (running.child.exitCode !== null) return resolve();
    running.child.once("exit", () => resolve());
    running.child.kill("SIGTERM");
    setTimeout(() => running.child.kill("SIGKILL"), 5000).unref();
  });
}

const pad = (s: string, n: number) => s.padEnd(n);

async function demo(example: Example): Promise<boolean> {
  const running = await start(example);
  console.log(`\n${example.name} example listening on ${running.url}\n`);
  console.log(`${pad("delivery", 36)} ${pad("status", 7)} handler that ran`);
  console.log(`${"-".repeat(36)} ${"-".repeat(7)} ${"-".repeat(34)}`);
  let ok = true;
  try {
    for (const event of argyleWebhookEventNames) {
      const subscription = `demo-${event}`;
      const delivery = createDelivery(event, { name: subscription }, { secret: SECRET });
      const result = await sendDelivery(running.url, delivery);
      const ran = await handlersOf(running, event, subscription);
      const good = result.status === 200 && ran.includes(example.expected(event));
      ok &&= good;
      console.log(
        `${pad(event, 36)} ${pad(String(result.status), 7)} ${ran.join(", ") || "(none)"}${good ? "" : "   <-- FAILED"}`,
      );
    }
    const forgedSource = createDelivery("accounts.connected", { name: "demo-forged" }, { secret: SECRET });
    const forged = {
      headers: forgedSource.headers,
      body: String(forgedSource.body).replace("demo-forged", "demo-forgeD"),
    };
    const wrongSecret = createDelivery(
      "accounts.connected",
      { name: "demo-wrong-secret" },
      { secret: "not-the-secret" },
    );
    for (const [label, delivery, subscription] of [
      ["forged (body changed after signing)", forged, "demo-forgeD"],
      ["signed with a wrong secret", wrongSecret, "demo-wrong-secret"],
    ] as const) {
      const result = await sendDelivery(running.url, delivery);
      await new Promise((r) => setTimeout(r, 100));
      const ran = running.logs.filter((l) => l.subscription === subscription).map((l) => String(l.handler));
      const good = result.status === 401 && ran.length === 0;
      ok &&= good;
      console.log(
        `${pad(label, 36)} ${pad(String(result.status), 7)} ${ran.join(", ") || "(none)"}${good ? "" : "   <-- FAILED"}`,
      );
    }
  } finally {
    await stop(running);
  }
  console.log(
    `\n${example.name}: ${ok ? `all ${argyleWebhookEventNames.length} signed deliveries reached their typed handlers; both bad ones got 401` : "FAILED"}`,
  );
  return ok;
}

let allOk = true;
for (const example of examples) allOk = (await demo(example)) && allOk;
console.log(allOk ? "\ndemo passed" : "\ndemo FAILED");
process.exit(allOk ? 0 : 1);
