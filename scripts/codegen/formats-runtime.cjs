"use strict";
// String formats checked by the generated validators. Bundled into generated/validators.* by codegen,
// so the validators need neither AJV nor ajv-formats at run time.

const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(y, m, d) {
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m]) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/**
 * The number written by the two ASCII digits of `value` at `i` and `i + 1`, or 100 (above every two-digit number)
 * when either is not one. `c - 48` is 0-9 exactly for "0"-"9"; `>>> 0` turns the codes below "0" into huge numbers.
 * The caller guarantees `i + 1 < value.length` (past the end, charCodeAt gives NaN, and `NaN >>> 0` is 0).
 */
function twoDigits(value, i) {
  const a = value.charCodeAt(i) - 48;
  const b = value.charCodeAt(i + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? 100 : a * 10 + b;
}

/**
 * RFC 3339 date-time: a real calendar date, a time with seconds, and a zone (Z or +hh:mm). Exactly the strings of
 * `/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/` whose date is
 * on the calendar, hour <= 23, minute <= 59, second <= 60 and offset <= 23:59, checked without a regular expression,
 * in about 0.15-0.2x the time of that pattern and its number conversions (bench/ab-formats.ts).
 */
function dateTime(value) {
  const length = value.length;
  // The shortest form is "yyyy-mm-ddThh:mm:ssZ".
  if (length < 20) return false;
  const century = twoDigits(value, 0);
  const year = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const separator = value.charCodeAt(10);
  if (
    century > 99 ||
    year > 99 ||
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 || // -
    (separator !== 84 && separator !== 116 && separator !== 32) || // T, t, space
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 || // :
    twoDigits(value, 11) > 23 ||
    twoDigits(value, 14) > 59 ||
    twoDigits(value, 17) > 60 ||
    !validDate(century * 100 + year, month, day)
  ) {
    return false;
  }
  let i = 19;
  if (value.charCodeAt(i) === 46) {
    // ".", then one digit or more.
    i++;
    while (i < length && (value.charCodeAt(i) - 48) >>> 0 <= 9) i++;
    if (i === 20) return false;
  }
  const zone = value.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === length; // Z, z
  return (
    (zone === 43 || zone === 45) && // +, -
    i + 6 === length &&
    value.charCodeAt(i + 3) === 58 && // :
    twoDigits(value, i + 1) <= 23 &&
    twoDigits(value, i + 4) <= 59
  );
}

/** 1 at the code unit of each hex digit (0-9, a-f, A-F), 0 at every other UTF-16 code unit. */
const HEX = new Uint8Array(65536);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;

/** 1 when the four code units of `value` from `i` are all hex digits, else 0 (no branches: this is the hot loop). */
function hex4(value, i) {
  return (
    HEX[value.charCodeAt(i)] &
    HEX[value.charCodeAt(i + 1)] &
    HEX[value.charCodeAt(i + 2)] &
    HEX[value.charCodeAt(i + 3)]
  );
}

/** `urn:uuid:` at the start of `value`, in any ASCII case (`| 32` lower-cases A-Z; the colons must be exact). */
function urnPrefix(value) {
  return (
    (value.charCodeAt(0) | 32) === 117 && // u
    (value.charCodeAt(1) | 32) === 114 && // r
    (value.charCodeAt(2) | 32) === 110 && // n
    value.charCodeAt(3) === 58 && // :
    (value.charCodeAt(4) | 32) === 117 && // u
    (value.charCodeAt(5) | 32) === 117 && // u
    (value.charCodeAt(6) | 32) === 105 && // i
    (value.charCodeAt(7) | 32) === 100 && // d
    value.charCodeAt(8) === 58 // :
  );
}

/**
 * Any 8-4-4-4-12 hex UUID, optionally prefixed by `urn:uuid:`, in any case: exactly the language of ajv-formats'
 * `uuid` (`/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i`), checked without a regular expression,
 * in about 0.6x its time. Argyle's IDs are time-ordered and do not carry RFC 4122 version bits.
 */
function uuid(value) {
  let i = 0;
  if (value.length === 45) {
    if (!urnPrefix(value)) return false;
    i = 9;
  } else if (value.length !== 36) return false;
  return (
    value.charCodeAt(i + 8) === 45 &&
    value.charCodeAt(i + 13) === 45 &&
    value.charCodeAt(i + 18) === 45 &&
    value.charCodeAt(i + 23) === 45 &&
    (hex4(value, i) &
      hex4(value, i + 4) &
      hex4(value, i + 9) &
      hex4(value, i + 14) &
      hex4(value, i + 19) &
      hex4(value, i + 24) &
      hex4(value, i + 28) &
      hex4(value, i + 32)) ===
      1
  );
}

/** RFC 3339 full-date. */
function date(value) {
  const m = DATE.exec(value);
  return m !== null && validDate(+m[1], +m[2], +m[3]);
}

module.exports = {
  "date-time": dateTime,
  date,
  uuid,
};
