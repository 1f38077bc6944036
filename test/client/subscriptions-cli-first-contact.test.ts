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

function run(args: string[]) {
  return runSubscriptions(args, {
    ARGYLE_API_KEY_ID: api.apiKeyId,
    ARGYLE_API_KEY_SECRET: api.apiKeySecret,
    ARGYLE_API_BASE_URL: api.baseUrl,
  });
}

describe("argyle-webhooks subscriptions, first contact", () => {
  it.each(["list", "get", "create", "delete", "sync"])(
    "%s --help prints that command's usage",
    async (command) => {
      const help = await run([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: argyle-webhooks subscriptions ${command} `));
      expect(api.requests).toHaveLength(0);
    },
  );

  it('an empty list says "no subscriptions" (and --json prints [])', async () => {
    const text = await run(["list"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe("no subscriptions\n");
    const json = await run(["list", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it("create refuses an event that is not in the catalog, naming its family's events, before calling Argyle", async () => {
    const typo = await run([
      "create",
      "--event",
      "gigs.partialy_synced",
      "--name",
      "svc:gigs",
      "--url",
      "https://x.example/hooks",
    ]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('argyle-webhooks: Unknown event "gigs.partialy_synced".');
    expect(typo.stderr).toContain("Run `argyle-webhooks subscriptions create --help` for usage.");
    expect(typo.stderr).toContain("gigs.partially_synced");
    expect(api.requests).toHaveLength(0);
  });
});
