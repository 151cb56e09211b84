import { describe, expect, it } from "vitest";
import { isLeftoverTempFile } from "./job-view";

describe("isLeftoverTempFile", () => {
  it("knows a temporary file an interrupted atomic write left", () => {
    expect(isLeftoverTempFile("notes.md.tmp.4242.1764700000000")).toBe(true);
    expect(isLeftoverTempFile("result.json.tmp.81.0a1b")).toBe(true);
    expect(isLeftoverTempFile("notes.md.4242.tmp")).toBe(true);
  });

  it("leaves ordinary files alone, those with tmp in their name too", () => {
    expect(isLeftoverTempFile("notes.md")).toBe(false);
    expect(isLeftoverTempFile("tmp.txt")).toBe(false);
    expect(isLeftoverTempFile("my.tmp")).toBe(false);
  });
});
