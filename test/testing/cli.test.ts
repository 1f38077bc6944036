import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { argyleWebhookEventNames, argyleWebhookEvents } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import { createDelivery, formatReplayLine, selectArgyleEvents } from "@argyle-webhooks/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeArgyleApi } from "../client/fake-argyle-api.js";
import { closedUrl, type Receiver, startReceiver } from "./receiver.js";
import { CLI, runCli } from "./run-cli.js";

const secret = "whsec-cli-5d0e";
let receiver: Receiver | undefined;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it with \`npm run build\`.`);
  dir = await mkdtemp(join(tmpdir(), "argyle-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("argyle-webhooks trigger", () => {
  it("delivers one event, signed and pretty-printed, and prints its status and a summary", async () => {
    receiver = await startReceiver(secret);
    const run = await runCli(["trigger", "gigs.updated", "--url", receiver.url, "--secret", secret]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\[1\/1\] 200 {2}gigs\.updated {2}\d+ ms$/m);
    expect(run.stdout).toContain("1 delivery to");
    expect(run.stdout).toContain("1 succeeded, 0 failed.");
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.body).toBe(createDelivery("gigs.updated", { secret }).body);
  });

  it("delivers a family, with --data merged and --set applied to each", async () => {
    receiver = await startReceiver(secret);
    const data = join(dir, "data.json");
    await writeFile(
      data,
      JSON.stringify({ name: "staging-hooks", data: { account: "0187c66e-e7e5-811c-b006-000000000001" } }),
    );
    const run = await runCli([
      "trigger",
      "gigs.*",
      "--url",
      receiver.url,
      "--secret",
      secret,
      "--data",
      data,
      "--set",
      "data.days_synced=90",
      "--set",
      "data.note=not json",
    ]);
    expect(run.code).toBe(0);
    const gigs = selectArgyleEvents("gigs.*");
    expect(receiver.received.map((r) => r.event)).toEqual(gigs);
    for (const r of receiver.received) {
      const body = JSON.parse(r.body) as { name: string; data: Record<string, unknown> };
      expect(body.name).toBe("staging-hooks");
      expect(body.data).toMatchObject({
        account: "0187c66e-e7e5-811c-b006-000000000001",
        days_synced: 90,
        note: "not json",
      });
    }
    expect(run.stdout).toContain(`${gigs.length} succeeded, 0 failed.`);
  });

  it("delivers all events of the registry, each verified and schema-valid", async () => {
    receiver = await startReceiver(secret);
    const run = await runCli(["trigger", "all", "--url", receiver.url, "--secret", secret, "--json"]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      succeeded: number;
      failed: number;
      deliveries: { event: string; status: number }[];
    };
    expect(result.succeeded).toBe(argyleWebhookEventNames.length);
    expect(result.failed).toBe(0);
    expect(result.deliveries.map((d) => d.event)).toEqual([...argyleWebhookEventNames]);
    expect(new Set(receiver.received.map((r) => r.event)).size).toBe(argyleWebhookEventNames.length);
  });

  it("exits 1 when a delivery is refused, showing the status and the reason", async () => {
    receiver = await startReceiver("the-receivers-secret");
    const run = await runCli(["trigger", "gigs.updated", "--url", receiver.url, "--secret", secret]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/401 {2}gigs\.updated {2}\d+ ms {2}FAILED {2}Invalid signature/);
    expect(run.stdout).toContain("0 succeeded, 1 failed.");
  });

  it("exits 1 with the schema error when a --set value makes the payload invalid", async () => {
    receiver = await startReceiver(secret);
    const run = await runCli([
      "trigger",
      "gigs.updated",
      "--url",
      receiver.url,
      "--secret",
      secret,
      "--set",
      "data.user=u",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/422 {2}gigs\.updated .*FAILED .*\/data\/user must match format "uuid"/);
  });

  it("exits 1 when nothing listens at the URL", async () => {
    const run = await runCli(["trigger", "gigs.updated", "--url", await closedUrl(), "--secret", secret]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/--- {2}gigs\.updated .*FAILED .*ECONNREFUSED/);
  });

  it("takes the secret from ARGYLE_WEBHOOK_SECRET", async () => {
    receiver = await startReceiver(secret);
    const run = await runCli(["trigger", "users.fully_synced", "--url", receiver.url], undefined, {
      ARGYLE_WEBHOOK_SECRET: secret,
    });
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });
});

describe("bad arguments exit 2 with a message", () => {
  const cases: [string, string[], RegExp][] = [
    ["no command", [], /Usage: argyle-webhooks <command>/],
    ["unknown command", ["launch"], /Unknown command "launch"/],
    [
      "unknown event",
      ["trigger", "gig.updated", "--url", "http://127.0.0.1:1/", "--secret", "s"],
      /Unknown event "gig\.updated"/,
    ],
    [
      "unknown family",
      ["trigger", "nope.*", "--url", "http://127.0.0.1:1/", "--secret", "s"],
      /No event family "nope"/,
    ],
    ["missing --url", ["trigger", "gigs.updated", "--secret", "s"], /Missing --url/],
    ["bad --url", ["trigger", "gigs.updated", "--url", "ftp://x", "--secret", "s"], /--url must be http/],
    ["missing --secret", ["trigger", "gigs.updated", "--url", "http://127.0.0.1:1/"], /Missing --secret/],
    [
      "unknown option",
      ["trigger", "gigs.updated", "--url", "http://127.0.0.1:1/", "--secret", "s", "--sercet", "x"],
      /--sercet/,
    ],
    [
      "bad --set",
      ["trigger", "gigs.updated", "--url", "http://127.0.0.1:1/", "--secret", "s", "--set", "days"],
      /--set: Expected path=value/,
    ],
    [
      "missing --data file",
      [
        "trigger",
        "gigs.updated",
        "--url",
        "http://127.0.0.1:1/",
        "--secret",
        "s",
        "--data",
        "/nonexistent.json",
      ],
      /Cannot read \/nonexistent\.json: ENOENT/,
    ],
    [
      "bad --timeout",
      ["trigger", "gigs.updated", "--url", "http://127.0.0.1:1/", "--secret", "s", "--timeout", "soon"],
      /--timeout must be a positive integer/,
    ],
    ["verify without --signature", ["verify", "--secret", "s", "-"], /Missing --signature/],
    ["example of a family", ["example", "gigs.*"], /selects several events/],
    ["replay without file", ["replay", "--url", "http://127.0.0.1:1/"], /Give one JSON Lines file/],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(message);
    if (args.length > 0) expect(run.stderr).toMatch(/Run `argyle-webhooks( \w+)? --help` for usage\./);
  });
});

describe("--help", () => {
  it.each(["events", "example", "sign", "verify", "trigger", "replay"])(
    "%s --help prints usage and exits 0",
    async (command) => {
      const run = await runCli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: argyle-webhooks ${command}`);
    },
  );

  it("--help lists every command", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["events", "example", "sign", "verify", "trigger", "replay", "subscriptions"]) {
      expect(run.stdout).toContain(`  ${command} `);
    }
  });
});

describe("events and example", () => {
  it("lists the catalog with config support, as text and as JSON", async () => {
    const text = await runCli(["events"]);
    expect(text.code).toBe(0);
    for (const def of argyleWebhookEvents)
      expect(text.stdout).toMatch(new RegExp(`^${def.event.replace(".", "\\.")} +${def.handlerName} `, "m"));
    const partial = argyleWebhookEvents.find((d) => d.config.fields.includes("days_synced"));
    if (partial) expect(text.stdout).toMatch(new RegExp(`${partial.handlerName} +days_synced`));

    const json = await runCli(["events", "gigs.*", "--json"]);
    const entries = JSON.parse(json.stdout) as { event: string; config: { supported: boolean } }[];
    expect(entries.map((e) => e.event)).toEqual(selectArgyleEvents("gigs.*"));
    expect(entries[0]).toHaveProperty("config.supported");
  });

  it("prints the exact delivery body of an example", async () => {
    const run = await runCli(["example", "users.fully_synced"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(JSON.stringify(argyleWebhookExamples["users.fully_synced"], null, 2));
  });
});

describe("sign and verify", () => {
  it("round-trip over stdin, agreeing with openssl", async () => {
    const body = createDelivery("gigs.updated", { secret }).body;
    const signed = await runCli(["sign", "--secret", secret], body);
    expect(signed.code).toBe(0);
    const signature = signed.stdout.trim();
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    const openssl = execFileSync("openssl", ["dgst", "-sha512", "-hmac", secret], { input: body })
      .toString()
      .trim();
    expect(openssl.endsWith(signature)).toBe(true);

    const ok = await runCli(["verify", "--secret", secret, "--signature", signature, "-"], body);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("valid");

    const rotated = await runCli(
      ["verify", "--secret", "old", "--secret", secret, "--signature", signature],
      body,
    );
    expect(rotated.code).toBe(0);

    const tampered = await runCli(["verify", "--secret", secret, "--signature", signature], `${body} `);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("invalid");
  });

  it("signs a file, byte for byte", async () => {
    const file = join(dir, "body.json");
    await writeFile(file, '{\n  "a": 1\n}\n');
    const run = await runCli(["sign", "--secret", secret, file]);
    const openssl = execFileSync("openssl", ["dgst", "-sha512", "-hmac", secret, file]).toString().trim();
    expect(openssl.endsWith(run.stdout.trim())).toBe(true);
  });
});

describe("argyle-webhooks replay", () => {
  it("sends message lines (signed with --secret) and recorded lines (byte for byte) in order", async () => {
    receiver = await startReceiver(secret);
    const recorded = createDelivery(
      "gigs.updated",
      { data: { updated_count: 9 } },
      { secret, pretty: false },
    );
    const file = join(dir, "replay.jsonl");
    const message = { ...argyleWebhookExamples["users.fully_synced"], name: "replayed" };
    await writeFile(file, `${JSON.stringify(message)}\n\n${formatReplayLine(recorded)}\n`);
    const run = await runCli(["replay", file, "--url", receiver.url, "--secret", secret]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[1\/2\] 200 {2}users\.fully_synced/);
    expect(run.stdout).toMatch(/\[2\/2\] 200 {2}gigs\.updated/);
    expect(receiver.received.map((r) => r.event)).toEqual(["users.fully_synced", "gigs.updated"]);
    expect(receiver.received[0]?.body).toBe(JSON.stringify(message, null, 2));
    expect(receiver.received[1]?.body).toBe(recorded.body);
  });

  it("keeps recorded signatures without --secret, and exits 1 when one no longer verifies", async () => {
    receiver = await startReceiver(secret);
    const keepSignature = { keepSignature: true };
    const good = formatReplayLine(createDelivery("gigs.updated", { secret }), keepSignature);
    const stale = formatReplayLine(createDelivery("gigs.updated", { secret: "rotated-away" }), keepSignature);
    const run = await runCli(["replay", "-", "--url", receiver.url], `${good}\n${stale}\n`);
    expect(run.code).toBe(1);
    expect(receiver.statuses).toEqual([200, 401]);
    expect(run.stdout).toContain("1 succeeded, 1 failed.");
  });

  it("names the bad line of a malformed file and exits 2", async () => {
    const run = await runCli(
      ["replay", "-", "--url", "http://127.0.0.1:1/", "--secret", "s"],
      '{"event":"gigs.updated","data":{}}\n{oops\n',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 2: not valid JSON/);
  });
});

describe("argyle-webhooks subscriptions", () => {
  it("has its help like every command, and the built bin runs it against the API via @argyle-webhooks/client", async () => {
    const help = await runCli(["subscriptions", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: argyle-webhooks subscriptions <command> [options]");
    expect((await runCli(["help", "subscriptions", "sync"])).stdout).toMatch(
      /^Usage: argyle-webhooks subscriptions sync /,
    );
    const api = await startFakeArgyleApi();
    try {
      api.seed({ name: "svc:users", events: ["users.fully_synced"] });
      const list = await runCli(["subscriptions", "list", "--json"], undefined, {
        ARGYLE_API_KEY_ID: api.apiKeyId,
        ARGYLE_API_KEY_SECRET: api.apiKeySecret,
        ARGYLE_API_BASE_URL: api.baseUrl,
      });
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as { name: string }[]).map((s) => s.name)).toEqual(["svc:users"]);
    } finally {
      await api.close();
    }
  });
});
