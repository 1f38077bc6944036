"use strict";
// String formats checked by the generated validators. Bundled into generated/validators.* by codegen,
// so the validators need neither AJV nor ajv-formats at run time.

const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

function validDate(y, m, d) {
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m]) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/** RFC 3339 date-time: a real calendar date, a time with seconds, and a zone (Z or +hh:mm). */
function dateTime(value) {
  const m = DATE_TIME.exec(value);
  if (m === null) return false;
  if (!validDate(+m[1], +m[2], +m[3])) return false;
  if (+m[4] > 23 || +m[5] > 59 || +m[6] > 60) return false;
  return m[7] === undefined || (+m[7] <= 23 && +m[8] <= 59);
}

/** RFC 3339 full-date. */
function date(value) {
  const m = DATE.exec(value);
  return m !== null && validDate(+m[1], +m[2], +m[3]);
}

module.exports = {
  "date-time": dateTime,
  date,
  // Any 8-4-4-4-12 hex UUID: Argyle's IDs are time-ordered and do not carry RFC 4122 version bits.
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
};
