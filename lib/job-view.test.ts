import { describe, expect, it } from "vitest";
import { isLeftoverTempFile, jobTitle, needsPerson } from "./job-view";

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

describe("needsPerson", () => {
  const asking = {
    turns: 0,
    inputTokens: 0,
    outputTokens: 0,
    events: 1,
    apiRetries: 0,
    refusals: 0,
    openRequests: [{ requestId: "r", toolName: "Bash" }],
  };
  it("is a running job with a request open, and nothing else", () => {
    expect(needsPerson({ state: "active", progress: asking })).toBe(true);
    expect(needsPerson({ state: "active", progress: { ...asking, openRequests: [] } })).toBe(false);
    expect(needsPerson({ state: "active", progress: null })).toBe(false);
    // A request left in the progress of a run that ended is no one's to answer.
    expect(needsPerson({ state: "failed", progress: asking })).toBe(false);
  });

  it("is what a job's title says, in place of its state", () => {
    expect(jobTitle({ label: "Fix it", state: "active", progress: asking })).toBe("Fix it · needs you");
    expect(jobTitle({ label: "Fix it", state: "active", progress: null })).toBe("Fix it · active");
  });
});
