import { describe, expect, it } from "vitest";
import type { WorkerStatus } from "../worker-status";
import { workerWarnings } from "./worker-warnings";

const worker = (id: string, version: string, app: string, seenAt: number): WorkerStatus => ({
  id,
  host: "h",
  pid: 1,
  concurrency: 2,
  startedAt: 0,
  seenAt,
  running: 0,
  draining: false,
  appVersion: app,
  cli: {
    bin: "claude",
    source: "bundled",
    version,
    problem: null,
    credentials: "api-key",
    apiBaseUrl: null,
    demo: false,
    refusesBypassPermissions: false,
    reported: null,
  },
});

describe("workerWarnings", () => {
  it("points out a late report and a version that differs from the others'", () => {
    const now = 100_000;
    const warnings = workerWarnings(
      [
        worker("a", "2.1.332", "0.1.0", now),
        worker("b", "2.1.332", "0.1.0", now),
        worker("c", "2.1.197", "0.0.9", now - 60_000),
      ],
      now,
    );
    expect(warnings.get("a")).toEqual([]);
    expect(warnings.get("c")).toEqual([
      "No report for 60 s: it may be stuck, or its host unreachable.",
      "Runs Claude CLI 2.1.197; the others run 2.1.332.",
      "Runs the dashboard's version 0.0.9; the others run 0.1.0: upgrade it.",
    ]);
  });
});
