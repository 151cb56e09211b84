import { describe, expect, it } from "vitest";
import type { JobResult } from "../job-result";
import { jobAttempts, startedAttempt } from "./job-attempts";

const failedRun = (attempt: number): JobResult => ({
  attempt,
  outcome: "failed",
  diagnosis: { code: "server-error", cause: `run ${attempt} failed`, fix: "Retry later." },
  exitCode: 1,
  signal: null,
  subtype: "success",
  permissionDenials: [],
  startedAt: attempt * 1000,
  finishedAt: attempt * 1000 + 500,
  stderrTail: "",
});

describe("jobAttempts", () => {
  it("takes a finished job's last result as its verdict and the others as history", () => {
    const { current, earlier, attempt } = jobAttempts({
      state: "failed",
      results: [failedRun(2), failedRun(1)],
      automaticAttempts: 3,
      dueAt: null,
    });
    expect(current?.attempt).toBe(2);
    expect(earlier.map((result) => result.attempt)).toEqual([1]);
    expect(attempt).toEqual({ number: 2, of: 3, dueAt: null });
  });

  it("treats every result as history while the job waits to run again: no verdict yet", () => {
    const { current, earlier, attempt } = jobAttempts({
      state: "delayed",
      results: [failedRun(1)],
      automaticAttempts: 3,
      dueAt: 5000,
    });
    expect(current).toBeNull();
    expect(earlier).toHaveLength(1);
    expect(attempt).toEqual({ number: 2, of: 3, dueAt: 5000 });
  });

  it("counts a run a person added after the automatic ones without an 'of'", () => {
    const { attempt } = jobAttempts({
      state: "waiting",
      results: [failedRun(1)],
      automaticAttempts: 1,
      dueAt: 9,
    });
    expect(attempt).toEqual({ number: 2, of: null, dueAt: null });
  });

  it("is at its first attempt before any run", () => {
    expect(jobAttempts({ state: "active", results: [], automaticAttempts: 3, dueAt: null })).toEqual({
      current: null,
      earlier: [],
      attempt: { number: 1, of: 3, dueAt: null },
    });
  });
});

describe("startedAttempt", () => {
  it("puts a job that waits at the run after those it started, and a running one at the last", () => {
    expect(startedAttempt("waiting", 0, 3, null)).toEqual({ number: 1, of: 3, dueAt: null });
    expect(startedAttempt("active", 1, 3, null)).toEqual({ number: 1, of: 3, dueAt: null });
    expect(startedAttempt("delayed", 1, 3, 5000)).toEqual({ number: 2, of: 3, dueAt: 5000 });
    expect(startedAttempt("failed", 3, 3, null)).toEqual({ number: 3, of: 3, dueAt: null });
  });

  it("counts a person's Retry beyond the automatic runs, without an 'of'", () => {
    expect(startedAttempt("waiting", 1, 1, null)).toEqual({ number: 2, of: null, dueAt: null });
  });

  it("keeps a due time only while the job is delayed", () => {
    expect(startedAttempt("waiting", 1, 3, 5000).dueAt).toBeNull();
  });
});
