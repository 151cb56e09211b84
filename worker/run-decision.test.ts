import { describe, expect, it } from "vitest";
import type { JobResult } from "@/lib/job-result";
import type { RunRecord } from "@/lib/runs/run-record";
import { decideRun, MAX_CRASHES } from "./run-decision";

const result: JobResult = {
  outcome: "completed",
  exitCode: 0,
  signal: null,
  subtype: "success",
  permissionDenials: [],
  startedAt: 1,
  finishedAt: 2,
  stderrTail: "",
};
const running: RunRecord = {
  fence: "f1",
  worker: "other",
  number: 1,
  attemptsMade: 0,
  state: "running",
  idBase: 1000,
  eventsOffset: 0,
  crashes: 0,
  result: undefined,
  requeued: false,
};
const finished: RunRecord = { ...running, state: "finished", result };
const base = { attemptsMade: 0, workerId: "me", recordWorker: "alive" as const };

describe("decideRun", () => {
  it("starts a job that never ran", () => {
    expect(decideRun({ ...base, record: undefined })).toEqual({
      kind: "start",
      expectedFence: "",
      crashes: 0,
    });
  });

  it("waits for a run whose worker lives, or may live (no second run beside it)", () => {
    expect(decideRun({ ...base, record: running })).toEqual({ kind: "wait" });
    expect(decideRun({ ...base, record: running, recordWorker: "unknown" })).toEqual({ kind: "wait" });
  });

  it("hands over the result of a run whose completion BullMQ refused (same attemptsMade)", () => {
    expect(decideRun({ ...base, record: finished })).toEqual({ kind: "deliver", result });
  });

  it("runs again once BullMQ took the outcome (a retry after a failure, from here or bull-board)", () => {
    expect(decideRun({ ...base, record: finished, attemptsMade: 1 })).toEqual({
      kind: "start",
      expectedFence: "f1",
      crashes: 0,
    });
  });

  it("runs again a job that a stopping worker handed back", () => {
    expect(decideRun({ ...base, record: { ...finished, requeued: true, result: undefined } })).toMatchObject({
      kind: "start",
    });
  });

  it("takes over from a dead worker, counting the crash and mending its stream", () => {
    expect(decideRun({ ...base, record: running, recordWorker: "dead" })).toEqual({
      kind: "start",
      expectedFence: "f1",
      crashes: 1,
      mend: running,
    });
  });

  it(`fails a job whose workers died running it ${MAX_CRASHES} times in a row`, () => {
    const record = { ...running, crashes: MAX_CRASHES - 1 };
    expect(decideRun({ ...base, record, recordWorker: "dead" })).toEqual({
      kind: "fail-crashed",
      expectedFence: "f1",
      crashes: MAX_CRASHES,
      mend: record,
    });
  });

  it("restarts its own run that ended unrecorded, without counting a crash", () => {
    const own = { ...running, worker: "me" };
    expect(decideRun({ ...base, record: own, recordWorker: "unknown" })).toEqual({
      kind: "start",
      expectedFence: "f1",
      crashes: 0,
      mend: own,
    });
  });
});
