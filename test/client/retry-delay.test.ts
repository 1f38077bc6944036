// Issue 20 item 8: the client's retry delay, tested directly (Retry-After forms and caps, backoff and jitter bounds).
import { afterEach, describe, expect, it, vi } from "vitest";
import { retryDelay } from "../../packages/client/src/retry-delay.js";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const options = { minDelayMs: 100, maxDelayMs: 10_000 };

afterEach(() => {
  vi.restoreAllMocks();
});

/** Math.random pinned to `value` (the platform's randomness, not our code), to see the ends of the jitter range. */
function random(value: number) {
  vi.spyOn(Math, "random").mockReturnValue(value);
}

describe("retryDelay: Retry-After", () => {
  it.each([
    ["3", 3_000],
    ["0", 0],
    [" 2 ", 2_000],
    ["007", 7_000],
  ])("delta-seconds %j waits %d ms, whatever the retry number", (header, ms) => {
    for (const retry of [0, 3]) expect(retryDelay(retry, header, options, NOW)).toBe(ms);
  });

  it.each([
    ["IMF-fixdate", "Sun, 01 Mar 2026 12:00:05 GMT"],
    ["obsolete RFC 850 date", "Sunday, 01-Mar-26 12:00:05 GMT"],
    ["asctime date (read as GMT)", "Sun Mar  1 12:00:05 2026"],
  ])("an %s five seconds ahead waits 5000 ms", (_form, header) => {
    expect(retryDelay(0, header, options, NOW)).toBe(5_000);
  });

  it("a date in the past means now (0), never a negative delay", () => {
    expect(retryDelay(0, "Sun, 01 Mar 2026 11:59:00 GMT", options, NOW)).toBe(0);
    expect(retryDelay(0, "Sun, 06 Nov 1994 08:49:37 GMT", options, NOW)).toBe(0);
  });

  it("is capped at maxDelayMs, in seconds and as a date", () => {
    expect(retryDelay(0, "3600", options, NOW)).toBe(10_000);
    expect(retryDelay(0, "99999999999999999999", options, NOW)).toBe(10_000);
    expect(retryDelay(0, "Mon, 02 Mar 2026 12:00:00 GMT", options, NOW)).toBe(10_000);
  });

  it.each([
    "soon",
    "",
    "   ",
    "-1",
    "1.5",
    "1e3",
    "0x10",
    "Infinity",
    "3, 4",
    "foo 1",
    "12 seconds",
    "2026-03-01T12:00:05Z",
    "Sun, 01 Mar 2026 12:00:05 PST",
  ])("garbage %j is ignored: the exponential backoff applies", (header) => {
    random(0);
    expect(retryDelay(2, header, options, NOW)).toBe(400);
    random(0.999_999);
    expect(retryDelay(2, header, options, NOW)).toBe(799);
  });

  it("no header (null) is the backoff too", () => {
    random(0.5);
    expect(retryDelay(0, null, options, NOW)).toBe(150);
  });
});

describe("retryDelay: backoff with jitter", () => {
  it("retry n waits between minDelayMs * 2^n and twice that (exclusive), at both ends of Math.random", () => {
    for (const retry of [0, 1, 2, 3, 4]) {
      const base = 100 * 2 ** retry;
      random(0);
      expect(retryDelay(retry, null, options, NOW)).toBe(base);
      random(0.999_999_999);
      expect(retryDelay(retry, null, options, NOW)).toBe(2 * base - 1);
    }
  });

  it("stays within [minDelayMs * 2^n, 2 * minDelayMs * 2^n) over many real draws", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const delay = retryDelay(1, null, options, NOW);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThan(400);
      expect(Number.isInteger(delay)).toBe(true);
      seen.add(delay);
    }
    expect(seen.size).toBeGreaterThan(50); // it is jittered, not a constant
  });

  it("never exceeds maxDelayMs, also for a huge retry number (2^n overflowing to Infinity)", () => {
    random(0.999_999);
    expect(retryDelay(6, null, options, NOW)).toBe(10_000); // 6400 + jitter would be 12 799
    expect(retryDelay(7, null, options, NOW)).toBe(10_000);
    expect(retryDelay(2_000, null, options, NOW)).toBe(10_000);
    random(0);
    expect(retryDelay(2_000, null, options, NOW)).toBe(10_000);
  });

  it("minDelayMs 0 retries at once; maxDelayMs below minDelayMs wins", () => {
    random(0.999_999);
    expect(retryDelay(3, null, { minDelayMs: 0, maxDelayMs: 10_000 }, NOW)).toBe(0);
    expect(retryDelay(0, null, { minDelayMs: 500, maxDelayMs: 100 }, NOW)).toBe(100);
    expect(retryDelay(0, "30", { minDelayMs: 500, maxDelayMs: 100 }, NOW)).toBe(100);
  });
});
