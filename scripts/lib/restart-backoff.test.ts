import { describe, expect, it } from "vitest";
import { nextRestartAttempt, restartDelayMs, STEADY_RUN_MS } from "./restart-backoff";

describe("restartDelayMs", () => {
  it("waits 1 s, then doubles up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});

describe("nextRestartAttempt", () => {
  it("counts restarts of a child that keeps dying soon after it starts", () => {
    expect(nextRestartAttempt(0, 100)).toBe(1);
    expect(nextRestartAttempt(3, STEADY_RUN_MS - 1)).toBe(4);
  });

  it("starts counting again after a child ran steadily", () => {
    expect(nextRestartAttempt(5, STEADY_RUN_MS)).toBe(1);
  });
});
