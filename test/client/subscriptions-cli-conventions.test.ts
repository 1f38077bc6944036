// Issue 20 item 7: `argyle-webhooks subscriptions` follows the conventions of the other `argyle-webhooks` commands
// (usage errors: `argyle-webhooks: <sentence>` + a pointer to that command's --help on stderr, exit 2; failures exit
// 1 with `argyle-webhooks: <message>`; `--help` anywhere before `--`; `help <command>`; one JSON document per run).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeArgyleApi, startFakeArgyleApi } from "./fake-argyle-api.js";
import { runSubscriptions } from "./run-subscriptions.js";

let api: FakeArgyleApi;
beforeEach(async () => {
  api = await startFakeArgyleApi();
});
afterEach(async () => {
  await api.close();
});

function run(args: string[], env: Record<string, string> = {}, stdin = "") {
  return runSubscriptions(
    args,
    {
      ARGYLE_API_KEY_ID: api.apiKeyId,
      ARGYLE_API_KEY_SECRET: api.apiKeySecret,
      ARGYLE_API_BASE_URL: api.baseUrl,
      ...env,
    },
    stdin,
  );
}

const USAGE_LINE = (command: string) =>
  `Run \`argyle-webhooks subscriptions ${command} --help\` for usage.\n`;

describe("argyle-webhooks subscriptions: the conventions of the other commands", () => {
  it.each([
    ["an unknown flag", ["list", "--bogus"], "list", /^argyle-webhooks: Unknown option '--bogus'\.\n/],
    [
      "missing credentials",
      ["get", "abc"],
      "get",
      /^argyle-webhooks: Set ARGYLE_API_KEY_SECRET to your Argyle API key/,
      { ARGYLE_API_KEY_SECRET: "" },
    ],
    [
      "a bad --timeout",
      ["list", "--timeout", "soon"],
      "list",
      /--timeout must be a positive integer, got "soon"\./,
    ],
    [
      "a plain-http --base-url",
      ["list", "--base-url", "http://api.example.com/v2"],
      "list",
      /--base-url: .*https/,
    ],
    ["get without an id", ["get"], "get", /Give exactly one subscription id\./],
    ["delete without an id", ["delete", "--json"], "delete", /Give at least one subscription id\./],
    ["a stray argument", ["list", "extra"], "list", /Unexpected argument "extra"\./],
    [
      "--secret with --secret-env",
      [
        "create",
        "--event",
        "gigs.added",
        "--name",
        "n",
        "--url",
        "https://x.example",
        "--secret",
        "a",
        "--secret-env",
        "B",
      ],
      "create",
      /--secret and --secret-env conflict\./,
    ],
    [
      "a family instead of events",
      ["create", "--event", "gigs.*", "--name", "n", "--url", "https://x.example"],
      "create",
      /"gigs\.\*" is not an event name/,
    ],
    ["sync without --file", ["sync", "--prefix", "p:"], "sync", /Missing --file/],
    [
      "sync of a missing file",
      ["sync", "--file", "/nonexistent.json"],
      "sync",
      /Cannot read \/nonexistent\.json: ENOENT\./,
    ],
  ] as [string, string[], string, RegExp, Record<string, string>?][])(
    "%s: exit 2, the reason and that command's --help on stderr, nothing sent",
    async (_name, args, command, message, env) => {
      const result = await run(args, env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(message);
      expect(result.stderr.startsWith("argyle-webhooks: ")).toBe(true);
      expect(result.stderr.endsWith(USAGE_LINE(command))).toBe(true);
      expect(api.requests).toHaveLength(0);
    },
  );

  it("--help wins anywhere before --, even next to a bad flag; `help subscriptions <command>` works too", async () => {
    const help = await run(["create", "--bogus", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: argyle-webhooks subscriptions create /);
    expect((await run(["help", "sync"])).stdout).toMatch(/^Usage: argyle-webhooks subscriptions sync /);
    const missing = await run(["help", "frobnicate"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No help for "subscriptions frobnicate"');
    expect(api.requests).toHaveLength(0);
  });

  it("each command's help has the Usage / Options layout of the other commands", async () => {
    for (const command of ["list", "get", "create", "delete", "sync"]) {
      const { stdout } = await run([command, "-h"]);
      expect(stdout).toMatch(/\n\nOptions:\n {2}--/);
      expect(stdout).toMatch(/\n {2}--json {22}Print JSON instead of text/);
      expect(stdout).toMatch(/ {2}--timeout <ms> {14}Timeout of each HTTP attempt/);
    }
  });

  it("Argyle's refusal is exit 1 with `argyle-webhooks: <message>` on stderr", async () => {
    const result = await run(["get", "no-such-id"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^argyle-webhooks: .*404/);
    expect(result.stderr).not.toContain("Run `");
  });

  it("delete --json prints one JSON document, also when a delete fails part way (exit 1)", async () => {
    api.seed({ name: "a", events: ["gigs.added"] }, { name: "b", events: ["gigs.added"] });
    const [a, b] = api.store.map((s) => s.id);
    const both = await run(["delete", a as string, b as string, "--json"]);
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout)).toEqual({ deleted: [a, b] });

    api.seed({ name: "c", events: ["gigs.added"] });
    const c = api.store[0]?.id as string;
    const partly = await run(["delete", c, "gone-already", "--json"]);
    expect(partly.code).toBe(1);
    const document = JSON.parse(partly.stdout) as {
      deleted: string[];
      failed: { id: string; error: string };
    };
    expect(document.deleted).toEqual([c]);
    expect(document.failed.id).toBe("gone-already");
    expect(document.failed.error).toContain("404");
    expect(partly.stderr).toMatch(/^argyle-webhooks: /);
  });

  it("sync --file - reads the desired subscriptions from stdin, like the other commands' file arguments", async () => {
    const desired = JSON.stringify({
      prefix: "svc:",
      subscriptions: [{ events: ["users.fully_synced"], name: "svc:users", url: "https://x.example/hooks" }],
    });
    const result = await run(["sync", "--file", "-", "--dry-run"], {}, desired);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("+ create  svc:users");
    expect(api.requests.filter((r) => r.method !== "GET")).toHaveLength(0);
  });

  it("a sync that stops part way prints its plan on stdout as on success, the reason on stderr, exit 1", async () => {
    const desired = JSON.stringify({
      prefix: "svc:",
      subscriptions: [{ events: ["users.fully_synced"], name: "svc:users", url: "https://x.example/hooks" }],
    });
    api.script("POST /v2/webhooks", { status: 500, body: '{"detail":"boom"}' });
    const text = await run(["sync", "--file", "-"], {}, desired);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("+ create  svc:users");
    expect(text.stderr).toMatch(/^argyle-webhooks: sync stopped at create svc:users: .*500/);

    api.script("POST /v2/webhooks", { status: 500, body: '{"detail":"boom"}' });
    const json = await run(["sync", "--file", "-", "--json"], {}, desired);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      prefix: "svc:",
      applied: false,
      failed: { action: "create", name: "svc:users" },
    });
    expect(api.store).toHaveLength(0);
  });
});
