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

/** Asserts `ours` answers as `reference` on 5000 random strings: of `unit` characters, or of any UTF-16 code unit. */
function agreesOnRandomStrings(
  ours: (value: string) => boolean,
  reference: (value: string) => boolean,
  unit: fc.Arbitrary<string>,
  maxLength: number,
): void {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit, maxLength }), fc.string({ maxLength })), (value) => {
      expect(ours(value)).toBe(reference(value));
    }),
    { numRuns: 5000 },
  );
}

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
    agreesOnRandomStrings(ours, reference, anyUnit, 50);
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

// The date-time check as it was before the hand-written one: the reference the new function must agree with.
const REFERENCE_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const REFERENCE_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const referenceValidDate = (y: number, m: number, d: number) => {
  if (m < 1 || m > 12 || d < 1 || d > (REFERENCE_DAYS[m] as number)) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
};
const referenceDateTime = (value: string) => {
  const m = REFERENCE_DATE_TIME.exec(value);
  if (m === null) return false;
  if (!referenceValidDate(+(m[1] as string), +(m[2] as string), +(m[3] as string))) return false;
  if (+(m[4] as string) > 23 || +(m[5] as string) > 59 || +(m[6] as string) > 60) return false;
  return m[7] === undefined || (+m[7] <= 23 && +(m[8] as string) <= 59);
};
const ourDateTime = formats["date-time"] as (value: string) => boolean;

// Units a date-time mutation can bring in: digits, its own separators and those of nearby formats, letters, and
// non-ASCII look-alikes (Arabic-Indic and full-width digits, full-width colon, minus sign, no-break space, Kelvin
// sign, a lone surrogate).
const DT_NEAR =
  "0123456789-:.+ TtZzWwXx/_,;\n\t\0\x7f\u00a0\u0660\u0669\uff10\uff19\uff1a\u2212\u2010\u212a\u0131\ud83d\ufeff";
const dtUnit = fc.oneof(
  { arbitrary: fc.constantFrom(...DT_NEAR), weight: 8 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 1 },
);
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const field = (min: number, max: number, edges: readonly number[]) =>
  fc.oneof(
    { arbitrary: fc.integer({ min, max }), weight: 3 },
    { arbitrary: fc.constantFrom(...edges), weight: 2 },
  );
// Date-time-shaped strings: each field over its range and a step past it (month 00/13, day 00/32, 24:60:61, offset
// 24:60), Feb 29 on leap, non-leap and century years, no fraction or one of 0–12 digits, Z/z or an offset, then up to two
// units replaced, one possibly inserted or dropped, and sometimes a suffix.
const dateTimeShaped = fc
  .record({
    year: field(0, 9999, [0, 400, 1600, 1800, 1900, 2000, 2023, 2024, 2100, 2200, 2400, 9999]),
    month: field(0, 13, [0, 1, 2, 2, 2, 12, 13]),
    day: field(0, 32, [0, 1, 28, 29, 29, 30, 31, 32]),
    separator: fc.constantFrom("T", "t", " "),
    hour: field(0, 24, [0, 23, 24]),
    minute: field(0, 60, [0, 59, 60]),
    second: field(0, 61, [0, 59, 60, 61]),
    // No fraction, or "." and 0–12 digits (none is a near miss).
    fraction: fc.option(fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 12 }), { freq: 3 }),
    zone: fc.oneof(
      fc.constantFrom("Z", "z"),
      fc
        .tuple(fc.constantFrom("+", "-"), field(0, 24, [0, 23, 24]), field(0, 60, [0, 59, 60]))
        .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
    ),
  })
  .map(
    (f) =>
      `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}${f.separator}${pad(f.hour, 2)}:${pad(f.minute, 2)}:` +
      `${pad(f.second, 2)}${f.fraction === null ? "" : `.${f.fraction}`}${f.zone}`,
  );
const dateTimeNearMiss = fc
  .tuple(
    dateTimeShaped,
    fc.array(fc.tuple(fc.nat(), dtUnit), { maxLength: 2 }),
    fc.constantFrom("none", "none", "insert", "drop"),
    fc.nat(),
    dtUnit,
    fc.constantFrom("", "", "", "", "\n", " ", "0", "Z"),
  )
  .map(([valid, replacements, edit, at, extra, tail]) => {
    const units = [...valid];
    for (const [i, c] of replacements) units[i % units.length] = c;
    if (edit === "insert") units.splice(at % (units.length + 1), 0, extra);
    if (edit === "drop") units.splice(at % units.length, 1);
    return units.join("") + tail;
  });

describe("formats-runtime date-time", () => {
  it("agrees with the regular-expression check over date-time-shaped strings, valid and near misses", () => {
    let accepted = 0;
    let rejected = 0;
    const check = (value: string) => {
      const expected = referenceDateTime(value);
      expect(ourDateTime(value)).toBe(expected);
      if (expected) accepted++;
      else rejected++;
    };
    fc.assert(fc.property(dateTimeShaped, check), { numRuns: 10000 });
    fc.assert(fc.property(dateTimeNearMiss, check), { numRuns: 20000 });
    // Both answers are well represented, so neither half of the language goes untested.
    expect(Math.min(accepted, rejected)).toBeGreaterThan(3000);
  });

  it("agrees with it over random strings", () => {
    agreesOnRandomStrings(ourDateTime, referenceDateTime, dtUnit, 40);
  });

  it("agrees with it for every ASCII code unit and some non-ASCII ones, replaced or inserted at every position", () => {
    const codes = [
      ...Array.from({ length: 128 }, (_, code) => code),
      0xa0,
      0x660,
      0x669,
      0x2212,
      0x212a,
      0xd83d,
      0xdc00,
      0xfeff,
      0xff10,
      0xff19,
      0xff1a,
      0xffff,
    ];
    const mismatches: string[] = [];
    let compared = 0;
    for (const valid of [
      "2023-03-13T18:26:44.511Z",
      "2024-02-29 23:59:60.511000-23:59",
      "2000-02-29t00:00:00z",
    ]) {
      expect(ourDateTime(valid)).toBe(true);
      for (let at = 0; at <= valid.length; at++) {
        for (const code of codes) {
          const unit = String.fromCharCode(code);
          const values = [valid.slice(0, at) + unit + valid.slice(at)];
          if (at < valid.length) values.push(valid.slice(0, at) + unit + valid.slice(at + 1));
          for (const value of values) {
            compared++;
            if (ourDateTime(value) !== referenceDateTime(value)) mismatches.push(JSON.stringify(value));
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(20000);
  });

  it("decides the calendar and clock edges as RFC 3339 does", () => {
    for (const [value, expected] of [
      ["2024-02-29T00:00:00Z", true],
      ["2023-02-29T00:00:00Z", false],
      ["1900-02-29T00:00:00Z", false],
      ["2000-02-29T00:00:00Z", true],
      ["2200-02-29T00:00:00Z", false],
      ["1600-02-29T00:00:00Z", true],
      ["2023-13-01T00:00:00Z", false],
      ["2023-00-01T00:00:00Z", false],
      ["2023-01-32T00:00:00Z", false],
      ["2023-04-31T00:00:00Z", false],
      ["2023-12-31T23:59:60Z", true],
      ["2023-12-31T24:00:00Z", false],
      ["2023-03-13T18:26:44.Z", false],
      ["2023-03-13T18:26:44", false],
      ["2023-03-13T18:26:44+24:00", false],
      ["2023-03-13T18:26:44+23:60", false],
      ["2023-03-13T18:26:44.511000+00:00", true],
      ["2023-03-13T18:26:44Z\n", false],
    ] as const) {
      expect([value, ourDateTime(value)]).toEqual([value, expected]);
      expect(referenceDateTime(value)).toBe(expected);
    }
  });
});
