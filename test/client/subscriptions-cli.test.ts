import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeArgyleApi, startFakeArgyleApi } from "./fake-argyle-api.js";
import { runSubscriptions } from "./run-subscriptions.js";

let api: FakeArgyleApi;
let dir: string;

beforeEach(async () => {
  api = await startFakeArgyleApi();
  dir = await mkdtemp(join(tmpdir(), "argyle-cli-"));
});
afterEach(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}) {
  return runSubscriptions(args, {
    ARGYLE_API_KEY_ID: api.apiKeyId,
    ARGYLE_API_KEY_SECRET: api.apiKeySecret,
    ARGYLE_API_BASE_URL: api.baseUrl,
    ...env,
  });
}

describe("argyle-webhooks subscriptions", () => {
  it("--help prints usage and exits 0; no command or an unknown one exits 2", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("argyle-webhooks subscriptions <command>");
    expect((await run(["sync", "--help"])).code).toBe(0);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain("argyle-webhooks subscriptions <command>"); // like `argyle-webhooks` alone
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'argyle-webhooks: Unknown command "subscriptions frobnicate" (list, get, create, delete or sync).\n' +
        "Run `argyle-webhooks subscriptions --help` for usage.\n",
    );
  });

  it("exits 2 with a clear message for missing credentials and bad flags", async () => {
    const missing = await run(["list"], { ARGYLE_API_KEY_SECRET: "" });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("ARGYLE_API_KEY_SECRET");
    expect((await run(["list", "--bogus"])).code).toBe(2);
    const badConfig = await run([
      "create",
      "--event",
      "gigs.partially_synced",
      "--name",
      "n",
      "--url",
      "https://x.example",
      "--config",
      "{days:1",
    ]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain("--config is not valid JSON");
    expect((await run(["create", "--name", "n", "--url", "https://x.example"])).stderr).toContain("--event");
    expect((await run(["list", "--base-url", "http://api.example.com/v2"])).code).toBe(2);
    expect(api.requests).toHaveLength(0);
  });

  it("create, list (one a line, secrets masked), --json, get and delete", async () => {
    const created = await run([
      "create",
      "--event",
      "gigs.partially_synced",
      "--event",
      "paystubs.partially_synced",
      "--name",
      "svc:partial",
      "--url",
      "https://x.example/hooks",
      "--secret",
      "cli-secret-1234",
      "--config",
      '{"days_synced":90}',
    ]);
    expect(created.code).toBe(0);
    expect(api.store[0]).toMatchObject({
      events: ["gigs.partially_synced", "paystubs.partially_synced"],
      config: { days_synced: 90 },
      secret: "cli-secret-1234",
    });
    await run([
      "create",
      "--event",
      "users.fully_synced",
      "--name",
      "svc:users",
      "--url",
      "https://x.example/hooks",
    ]);
    await run(["create", "--event", "*", "--name", "all", "--url", "https://x.example/all"]);

    const list = await run(["list"]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3); // across two pages
    expect(lines[0]).toContain(
      'svc:partial\tgigs.partially_synced,paystubs.partially_synced\thttps://x.example/hooks\t{"days_synced":90}\tsecret set (15 chars)',
    );
    expect(lines[1]).toContain("secret none");

    const json = await run(["list", "--json"]);
    const parsed = JSON.parse(json.stdout) as { id: string; name: string; secret: string | null }[];
    expect(parsed.map((s) => s.name)).toEqual(["svc:partial", "svc:users", "all"]);
    expect(parsed[0]?.secret).toBe("****");
    expect(created.all + list.all + json.all).not.toContain("cli-secret-1234");

    const id = parsed[1]?.id ?? "";
    expect((await run(["get", id])).stdout).toContain("svc:users");
    const deleted = await run(["delete", id]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(`deleted ${id}\n`);
    expect(api.store.map((s) => s.name)).toEqual(["svc:partial", "all"]);
  });

  it("exits 1 with Argyle's 400 message, and with a 401 that hides the secret", async () => {
    const rejected = await run([
      "create",
      "--event",
      "gigs.updated",
      "--name",
      "n",
      "--url",
      "https://x.example",
      "--config",
      '{"days_synced":5}',
    ]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain("config: only allowed for accounts.added, accounts.connected");
    const denied = await run(["list"], { ARGYLE_API_KEY_SECRET: "wrong-cli-secret-987" });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("401");
    expect(denied.all).not.toContain("wrong-cli-secret-987");
  });

  it("--base-url wins over ARGYLE_API_BASE_URL", async () => {
    const result = await run(["list", "--base-url", api.baseUrl], {
      ARGYLE_API_BASE_URL: "http://127.0.0.1:1/v2",
    });
    expect(result.code).toBe(0);
    expect(api.requests).toHaveLength(1);
  });

  it("sync --dry-run prints the plan; sync applies it; secrets come from secretEnv", async () => {
    api.seed({ name: "svc:old", events: ["gigs.added"] }, { name: "keep-me", events: ["gigs.added"] });
    const file = join(dir, "desired.json");
    await writeFile(
      file,
      JSON.stringify({
        prefix: "svc:",
        subscriptions: [
          {
            events: ["accounts.added"],
            name: "svc:accounts",
            url: "https://x.example/hooks",
            secretEnv: "MY_WEBHOOK_SECRET",
            config: { include_resource: true },
          },
        ],
      }),
    );
    const env = { MY_WEBHOOK_SECRET: "env-secret-abcdef" };
    const dry = await run(["sync", "--file", file, "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("+ create  svc:accounts");
    expect(dry.stdout).toContain("- delete  svc:old");
    expect(dry.stdout).toContain("dry run");
    expect(dry.all).not.toContain("env-secret-abcdef");
    expect(api.requests.filter((r) => r.method !== "GET")).toHaveLength(0);

    const applied = await run(["sync", "--file", file, "--json"], env);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ prefix: "svc:", applied: true });
    expect(api.store.map((s) => s.name).sort()).toEqual(["keep-me", "svc:accounts"]);
    expect(api.store.find((s) => s.name === "svc:accounts")?.secret).toBe("env-secret-abcdef");

    expect((await run(["sync", "--file", file], {})).stderr).toContain("MY_WEBHOOK_SECRET is not set");
    await writeFile(
      file,
      JSON.stringify([{ events: ["gigs.added"], name: "svc:x", url: "https://x.example" }]),
    );
    const noPrefix = await run(["sync", "--file", file]);
    expect(noPrefix.code).toBe(2);
    expect(noPrefix.stderr).toContain("--prefix");
  });
});
