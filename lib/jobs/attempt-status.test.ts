import { describe, expect, it } from "vitest";
import { attemptStatus } from "./attempt-status";

describe("attemptStatus", () => {
  const now = 1_000_000;

  it("says which attempt a job that runs again is at, and what it waits for", () => {
    expect(attemptStatus({ number: 2, of: 3, dueAt: null }, "waiting", now)).toBe("Attempt 2 of 3, waiting");
    expect(attemptStatus({ number: 2, of: 3, dueAt: now + 20_000 }, "delayed", now)).toBe(
      "Attempt 2 of 3, next try in 20 seconds",
    );
    expect(attemptStatus({ number: 3, of: null, dueAt: null }, "active", now)).toBe("Attempt 3, running");
  });

  it("says when a delayed first run is due, and nothing the state already says", () => {
    expect(attemptStatus({ number: 1, of: 3, dueAt: now + 3 * 3600_000 }, "delayed", now)).toBe(
      "Runs in 3 hours",
    );
    expect(attemptStatus({ number: 1, of: 3, dueAt: null }, "active", now)).toBeNull();
    expect(attemptStatus({ number: 2, of: 3, dueAt: null }, "failed", now)).toBeNull();
  });

  it("says 'now' rather than a time in the past for a job that is overdue", () => {
    expect(attemptStatus({ number: 1, of: 1, dueAt: now - 5000 }, "delayed", now)).toBe("Runs now");
  });
});
