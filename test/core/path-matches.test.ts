import { describe, expect, it } from "vitest";
import { pathMatches } from "../../packages/core/src/path-matches.js";

describe("pathMatches: which requests an adapter with `path` handles", () => {
  it("without a path, every request is ours", () => {
    expect(pathMatches(undefined, "/anything")).toBe(true);
    expect(pathMatches(undefined, undefined)).toBe(true);
  });

  it("matches the path exactly, ignoring the query", () => {
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle")).toBe(true);
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle?x=1")).toBe(true);
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle?")).toBe(true);
  });

  it("tolerates one trailing slash on either side, no more", () => {
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle/")).toBe(true);
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle/?x=1")).toBe(true);
    expect(pathMatches("/webhooks/argyle/", "/webhooks/argyle")).toBe(true);
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle//")).toBe(false);
  });

  it("does not match prefixes, longer paths, other cases or encoded forms", () => {
    expect(pathMatches("/webhooks/argyle", "/webhooks")).toBe(false);
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle/extra")).toBe(false);
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyles")).toBe(false);
    expect(pathMatches("/webhooks/argyle", "/Webhooks/Argyle")).toBe(false);
    expect(pathMatches("/webhooks/argyle", "/webhooks%2Fargyle")).toBe(false);
    expect(pathMatches("/webhooks/argyle", "/webhooks/argyle#x")).toBe(false);
  });

  it("an empty or missing URL is the root path", () => {
    expect(pathMatches("/", "")).toBe(true);
    expect(pathMatches("/", undefined)).toBe(true);
    expect(pathMatches("/", "?x=1")).toBe(true);
    expect(pathMatches("/webhooks", "")).toBe(false);
    expect(pathMatches("/webhooks", undefined)).toBe(false);
  });
});
