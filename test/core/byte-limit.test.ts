import { describe, expect, it } from "vitest";
import { parseByteLimit } from "../../packages/core/src/byte-limit.js";

describe("parseByteLimit: limit and pendingLimit as numbers or sizes", () => {
  it("reads binary units, any case, with optional spaces and fractions", () => {
    expect(parseByteLimit("1mb")).toBe(1024 * 1024);
    expect(parseByteLimit("500kb")).toBe(500 * 1024);
    expect(parseByteLimit("64KB")).toBe(64 * 1024);
    expect(parseByteLimit("2GB")).toBe(2 * 1024 ** 3);
    expect(parseByteLimit("10b")).toBe(10);
    expect(parseByteLimit("10")).toBe(10);
    expect(parseByteLimit(" 1 mb ")).toBe(1024 * 1024);
    expect(parseByteLimit("1.5kb")).toBe(1536);
    expect(parseByteLimit("0.5kb")).toBe(512);
  });

  it("takes a number of bytes as is, rounded down", () => {
    expect(parseByteLimit(500_000)).toBe(500_000);
    expect(parseByteLimit(1)).toBe(1);
    expect(parseByteLimit(1.9)).toBe(1);
    expect(parseByteLimit(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses anything below one byte: it would answer 413 to every delivery", () => {
    for (const limit of [0, 0.5, -1, "0", "0kb", "0.1b", "0.0001kb"])
      expect(() => parseByteLimit(limit), String(limit)).toThrow(/at least 1/);
  });

  it("refuses typos, unknown units and non-numbers, quoting what it got and the option's name", () => {
    expect(() => parseByteLimit("1 megabyte")).toThrow(
      'limit: expected a positive number of bytes (at least 1) or a size like "1mb", got "1 megabyte"',
    );
    for (const limit of ["1tb", "mb", "", "1e3", "-1kb", "1,000", "0x10", "1mb2"])
      expect(() => parseByteLimit(limit), limit).toThrow(TypeError);
    expect(() => parseByteLimit(Number.NaN)).toThrow("got null");
    expect(() => parseByteLimit(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => parseByteLimit(Number.MAX_SAFE_INTEGER + 2)).toThrow(TypeError);
    expect(() => parseByteLimit(undefined as unknown as number)).toThrow("got undefined");
    expect(() => parseByteLimit({} as unknown as number, "pendingLimit")).toThrow(
      /^pendingLimit: .* got object$/,
    );
  });
});
