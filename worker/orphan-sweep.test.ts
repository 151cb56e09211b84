import { describe, expect, it } from "vitest";
import { selectOrphans, workersToCheck } from "./orphan-sweep";
import type { MarkedProcess } from "./process-table";

const proc = (pid: number, installation: string, worker: string, run = `run-${pid}`): MarkedProcess => ({
  pid,
  startTime: pid,
  markers: { installation, worker, job: "job1", run },
});
const context = {
  installationId: "ours",
  workerId: "me",
  localFences: new Set(["run-1"]),
  liveness: new Map([
    ["dead-one", "dead" as const],
    ["living", "alive" as const],
    ["unsure", "unknown" as const],
  ]),
};

describe("selectOrphans", () => {
  it("never touches another installation's processes, even of a dead worker's id", () => {
    expect(selectOrphans([proc(9, "theirs", "dead-one"), proc(8, "theirs", "me")], context)).toEqual([]);
  });

  it("kills what a dead worker of this installation left, only once its death is confirmed", () => {
    const dead = proc(2, "ours", "dead-one");
    expect(selectOrphans([dead, proc(3, "ours", "living"), proc(4, "ours", "unsure")], context)).toEqual([
      dead,
    ]);
  });

  it("kills leftovers of this worker's own runs that ended, but not of its running ones", () => {
    const ended = proc(5, "ours", "me", "run-old");
    expect(selectOrphans([proc(1, "ours", "me", "run-1"), ended], context)).toEqual([ended]);
  });

  it("asks only about other workers of this installation", () => {
    expect(
      workersToCheck(
        [proc(1, "ours", "me"), proc(2, "ours", "a"), proc(3, "ours", "a"), proc(4, "theirs", "b")],
        context,
      ),
    ).toEqual(["a"]);
  });
});
