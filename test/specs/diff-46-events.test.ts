import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

/**
 * `specs:diff` from the manifest generated before the 46-event catalog (39 events, no required fields; kept as
 * test/fixtures/manifest-39-events.json) to today's openapi/ and overlay.
 */
let lines: string[];
let changeset: string | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "diff-46-"));
  const result = await runScript("scripts/specs-diff.ts", [
    "--manifest",
    "test/fixtures/manifest-39-events.json",
    "--changeset-dir",
    dir,
  ]);
  expect(result.code, result.stderr).toBe(0);
  lines = result.stdout.split("\n");
  const [file] = readdirSync(dir);
  changeset = file ? readFileSync(join(dir, file), "utf8") : undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("specs:diff from the 39-event manifest", () => {
  it("reports the 7 new events and nothing removed", () => {
    expect(lines[0]).toMatch(/^Argyle spec changes: \d+ in 46 events \(major\)$/);
    expect(lines.filter((l) => l.endsWith("(new event)"))).toEqual([
      "+ user_uploads.added (new event)",
      "+ user_uploads.ocr_authenticity (new event)",
      "+ user_uploads.ocr_completed (new event)",
      "+ user_uploads.ocr_failed (new event)",
      "+ user_uploads.removed (new event)",
      "+ verifications.creation_failed (new event)",
      "+ verifications.updated (new event)",
    ]);
    expect(lines.filter((l) => l.startsWith("- "))).toEqual([]);
  });

  it("reports each field that became required, in words", () => {
    expect(lines).toContain("~ identities.added data.identity: optional -> required (string (uuid))");
    expect(lines).toContain("~ gigs.updated data.account: optional -> required (string (uuid))");
    expect(lines).toContain(
      "~ gigs.partially_synced data.available_from: optional -> required (string (date-time) | null)",
    );
    expect(lines).toContain(
      "~ direct_deposit_switches.completed data.details: optional -> required (string | null)",
    );
    // A format and required-ness change together are shown as before -> after.
    expect(lines).toContain("~ paystubs.added data.available_from: string -> string (date-time), required");
    // Fields without evidence did not change.
    expect(lines.some((l) => l.startsWith("~ gigs.updated data.updated_count"))).toBe(false);
    expect(lines.some((l) => l.startsWith("~ paystubs.updated data.updated_paystubs"))).toBe(false);
    const requiredNow = lines.filter((l) => l.includes(": optional -> required ("));
    expect(requiredNow.length).toBeGreaterThanOrEqual(119);
  });

  it("reports the typed account object as new fields and names the corrections", () => {
    expect(lines).toContain("+ accounts.updated data.resource.connection: object, required (new field)");
    // A new object is reported once, not each of its fields.
    expect(lines.some((l) => l.includes("data.resource.connection.status"))).toBe(false);
    expect(lines).toContain(
      "~ identities.added: overlay corrections: none -> account-user-always-sent, identity-always-sent",
    );
  });

  it("writes a major changeset for core", () => {
    expect(changeset).toMatch(/^---\n"@argyle-webhooks\/core": major\n/);
    expect(changeset).toContain("- `+ verifications.updated (new event)`");
  });
});
