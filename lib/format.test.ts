import { describe, expect, it } from "vitest";
import { countOf, formatAge, formatBytes, formatDuration } from "./format";

describe("formatAge", () => {
  it("says how long ago, and 'now' for a time just past a lagging clock", () => {
    expect(formatAge(1000, 61_000)).toBe("1 minute ago");
    expect(formatAge(10_500, 10_000)).toBe("now");
  });
});

describe("formatDuration", () => {
  it("is short enough for a table cell", () => {
    expect(formatDuration(751)).toBe("751ms");
    expect(formatDuration(184_000)).toBe("3m 04s");
  });
});

describe("countOf", () => {
  it("gives the noun its number", () => {
    expect(countOf(1, "worker")).toBe("1 worker");
    expect(countOf(0, "worker")).toBe("0 workers");
    expect(countOf(3, "worker")).toBe("3 workers");
  });
});

describe("formatBytes", () => {
  it("takes the unit that keeps the number short, up to GB", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
    expect(formatBytes(64573.5 * 1024 * 1024)).toBe("63.1 GB");
  });
});
