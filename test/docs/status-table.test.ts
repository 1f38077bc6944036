import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REFUSALS, type Refusal, type RefusalName } from "../../packages/core/src/refusals.js";
import { success } from "../../packages/core/src/response.js";

const README = resolve(import.meta.dirname, "../../README.md");
const URN = "urn:argyle-webhooks:problem:";

/** The rows of the README's "What each request gets", as cells. */
function statusTable(): string[][] {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf("## What each request gets");
  expect(start, 'README has a "What each request gets" section').toBeGreaterThan(-1);
  const section = text.slice(start, text.indexOf("\n## ", start + 1));
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

type Outcome = RefusalName | `success:${"ok" | "accepted" | "duplicate"}`;

/**
 * Each README row, in order: a phrase its first cell must contain, and what the code answers for it (one refusal
 * of the table, several that share a row, or a success). Every refusal is in exactly one row.
 */
const ROWS: [phrase: string, outcomes: Outcome[]][] = [
  ["other than `POST`", ["methodNotAllowed"]],
  ["`allowedIps`", ["forbiddenSource"]],
  ["`Content-Type` not JSON", ["unsupportedMediaType"]],
  ["signature header missing", ["signatureMissing", "signatureMalformed"]],
  ["larger than `limit`", ["bodyTooLarge"]],
  ["`readTimeoutMs`", ["bodyTimeout"]],
  ["`pendingLimit`", ["busy"]],
  ["closes the connection", ["bodyAborted"]],
  ["consumed the body", ["rawBodyUnavailable"]],
  ["matches no configured secret", ["signatureMismatch"]],
  ["not UTF-8 JSON", ["notUtf8", "notJson", "notObject", "noEvent", "noData"]],
  ['`validation: "reject"`', ["invalidPayload"]],
  ["duplicate delivery", ["success:duplicate"]],
  ["dedupe store", ["dedupeUnavailable"]],
  ["committed to the inbox", ["success:ok"]],
  ["already in the inbox", ["success:duplicate"]],
  ["store unavailable", ["storeUnavailable"]],
  ["not in the catalog", ["success:ok"]],
  ["a handler throws", ["handlerFailed"]],
  ["still running after `timeoutMs`", ["success:accepted"]],
  ["handled", ["success:ok"]],
  ["`receive()` given something", ["internalError"]],
];

const HEADER_NAMES: Record<string, string> = { allow: "Allow", "retry-after": "Retry-After" };

function refusalsOf(outcomes: Outcome[]): Refusal[] {
  return outcomes.filter((o) => !o.startsWith("success:")).map((o) => REFUSALS[o as RefusalName]);
}

describe("README: the status table is the refusal table of core", () => {
  const rows = statusTable();

  it("has one row per outcome, in the order the algorithm checks them", () => {
    expect(rows.map((cells) => cells.length)).toEqual(rows.map(() => 5));
    expect(rows.length, "rows in the README vs rows this test knows").toBe(ROWS.length);
    rows.forEach(([request], i) => {
      expect(request, `row ${i + 1}`).toContain(ROWS[i]?.[0]);
    });
  });

  it("names every refusal of the table exactly once, and the table lists them in the same order", () => {
    const named = ROWS.flatMap(([, outcomes]) => outcomes).filter((o) => !o.startsWith("success:"));
    expect([...named].sort()).toEqual(Object.keys(REFUSALS).sort());
    // Rows of refusals are in the table's order (the check order); successes sit between them.
    expect(named).toEqual(Object.keys(REFUSALS));
  });

  ROWS.forEach(([phrase, outcomes], i) => {
    it(`row ${i + 1} (${phrase}): status, type, log level and headers agree with the code`, () => {
      const [, status, type, level, notes = ""] = rows[i] ?? [];
      const refusals = refusalsOf(outcomes);
      if (refusals.length === 0) {
        const kind = (outcomes[0] as string).slice("success:".length) as "ok" | "accepted" | "duplicate";
        const response = success(kind);
        expect(Number(status)).toBe(response.status);
        expect(type).toBe("—");
        expect(level).toBe("—");
        expect(notes).toContain(`\`${response.body}\``);
        return;
      }
      for (const refusal of refusals) {
        expect(Number(status), refusal.title).toBe(refusal.status);
        expect(type, refusal.title).toBe(`\`${refusal.type.slice(URN.length)}\``);
        expect(refusal.type.startsWith(URN)).toBe(true);
        expect(level, refusal.title).toBe(refusal.level ?? "—");
        for (const [name, value] of Object.entries(refusal.headers ?? {})) {
          const shown = HEADER_NAMES[name] ?? name;
          expect(notes, `${refusal.title}: header ${shown}`).toContain(`\`${shown}`);
          expect(notes, `${refusal.title}: value of ${shown}`).toContain(value);
        }
        expect(notes.includes("`Connection: close`"), `${refusal.title}: Connection: close`).toBe(
          refusal.closesConnection === true,
        );
      }
      for (const [name, shown] of Object.entries(HEADER_NAMES)) {
        if (notes.includes(`\`${shown}`))
          expect(
            refusals.every((r) => r.headers && name in r.headers),
            `notes mention ${shown}`,
          ).toBe(true);
      }
    });
  });
});

describe("the refusal table itself", () => {
  it("uses one problem type per status, as clients branch on it", () => {
    const byStatus = new Map<number, Set<string>>();
    for (const refusal of Object.values(REFUSALS) as Refusal[]) {
      const types = byStatus.get(refusal.status) ?? new Set();
      types.add(refusal.type);
      byStatus.set(refusal.status, types);
    }
    for (const [status, types] of byStatus) expect([...types], String(status)).toHaveLength(1);
  });

  it("closes the connection exactly for 408 and 503, as the Node adapters do", () => {
    for (const refusal of Object.values(REFUSALS) as Refusal[])
      expect(refusal.closesConnection === true, refusal.title).toBe(
        refusal.status === 408 || refusal.status === 503,
      );
  });
});
