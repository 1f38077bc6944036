import { createRequire } from "node:module";
import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const formats = require("../../scripts/codegen/formats-runtime.cjs") as Record<
  string,
  (value: string) => boolean
>;
const ours = formats.uuid as (value: string) => boolean;
const pattern = fullFormats.uuid as RegExp;
const reference = (value: string) => pattern.test(value);

const HEX = "0123456789abcdefABCDEF";
// Near misses: non-hex ASCII letters and signs, the characters the case-folding tricks could confuse (`| 32` maps
// 0x1a to ":" and 0x10–0x19 to "0"–"9"), and non-ASCII letters and digits that fold or look like ASCII ones.
const NEAR = "gGzZxX-:;_ ./\n\t\r\0\x1a\x10\x19@`[{\u0131\u017f\u212a\uff10\uff41\u0660\u00e9\ufeff\ud83d";
const hexUnit = fc.constantFrom(...HEX);
const anyUnit = fc.oneof(
  { arbitrary: hexUnit, weight: 6 },
  { arbitrary: fc.constantFrom(...NEAR), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 1 },
);
// "urn:uuid:" in random case, sometimes with one unit replaced.
const prefix = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.boolean(), { minLength: 9, maxLength: 9 })
    .map((upper) => [..."urn:uuid:"].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("")),
  fc
    .tuple(fc.integer({ min: 0, max: 8 }), anyUnit)
    .map(([i, c]) => `urn:uuid:`.slice(0, i) + c + `urn:uuid:`.slice(i + 1)),
);
const shape = (units: readonly string[]) =>
  units.map((c, i) => (i === 8 || i === 13 || i === 18 || i === 23 ? "-" : c)).join("");
// A UUID-shaped string: 36 hex digits with dashes in place, then each position possibly replaced, one unit
// possibly inserted or dropped (lengths 35–37), and a suffix such as "\n" that `$` must not accept.
const nearMiss = fc
  .tuple(
    prefix,
    fc.array(hexUnit, { minLength: 36, maxLength: 36 }).map(shape),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 35 }), anyUnit), { maxLength: 3 }),
    fc.constantFrom("none", "insert", "drop"),
    fc.integer({ min: 0, max: 36 }),
    anyUnit,
    fc.constantFrom("", "", "", "\n", " ", "0"),
  )
  .map(([head, valid, replacements, edit, at, extra, tail]) => {
    const units = [...valid];
    for (const [i, c] of replacements) units[i] = c;
    if (edit === "insert") units.splice(at, 0, extra);
    if (edit === "drop") units.splice(Math.min(at, 35), 1);
    return head + units.join("") + tail;
  });

describe("formats-runtime uuid", () => {
  it("accepts what ajv-formats' full uuid accepts, over near-miss UUID-shaped strings", () => {
    fc.assert(
      fc.property(nearMiss, (value) => {
        expect(ours(value)).toBe(reference(value));
      }),
      { numRuns: 20000 },
    );
  });

  it("accepts what ajv-formats' full uuid accepts, over random strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: anyUnit, maxLength: 50 }), fc.string({ maxLength: 50 })),
        (value) => {
          expect(ours(value)).toBe(reference(value));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("agrees with it for every UTF-16 code unit at the prefix, a hex digit and a dash, and for the first 0x250 plus case-folding oddities at every position", () => {
    const mismatches: string[] = [];
    // Beyond U+024F only the characters whose case mapping reaches ASCII could matter to a case-insensitive pattern.
    const FOLDING = [0x130, 0x131, 0x17f, 0x212a, 0x212b];
    const everywhere = [...Array.from({ length: 0x250 }, (_, code) => code), ...FOLDING];
    const all = Array.from({ length: 0x10000 }, (_, code) => code);
    for (const [valid, exhaustive] of [
      ["0187a35f-35fa-56e2-1a95-f7e4232a4b3a", [0, 8, 35]],
      ["URN:uuid:0187A35F-35FA-56E2-1A95-F7E4232A4B3A", [0, 3, 9, 17, 44]],
    ] as const) {
      expect(ours(valid)).toBe(true);
      for (let at = 0; at < valid.length; at++) {
        for (const code of (exhaustive as readonly number[]).includes(at) ? all : everywhere) {
          const value = valid.slice(0, at) + String.fromCharCode(code) + valid.slice(at + 1);
          if (ours(value) !== reference(value)) mismatches.push(JSON.stringify(value));
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("rejects a trailing newline and a short id, as the pattern's `$` does", () => {
    expect(ours("urn:uuid:0187a35f-35fa-56e2-1a95-f7e4232a4b3a\n")).toBe(false);
    expect(ours("0187a35f-35fa-56e2-1a95-f7e4232a4b3")).toBe(false);
  });
});
