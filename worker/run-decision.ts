import type { JobResult } from "@/lib/job-result";
import type { RunRecord } from "@/lib/runs/run-record";
import type { Liveness } from "./worker-liveness";

/** A job whose worker died while running it this many times in a row fails instead of crashing another worker. */
export const MAX_CRASHES = 2;

export interface RunSituation {
  /** The job's run record, if it ever ran. */
  record: RunRecord | undefined;
  /** BullMQ's attemptsMade now. */
  attemptsMade: number;
  /** This worker's id. */
  workerId: string;
  /** Whether the record's worker lives (only asked when the record says a run is on another worker). */
  recordWorker: Liveness;
}

export type RunDecision =
  /** Start a new run, replacing `expectedFence`; `mend` is a dead run whose stream is to be made whole first. */
  | { kind: "start"; expectedFence: string; crashes: number; mend?: RunRecord }
  /** A run of this job is alive elsewhere, or its worker is not yet known to be dead: wait for it. */
  | { kind: "wait" }
  /** A run finished but BullMQ never took its outcome (its lock was lost): that outcome is the job's. */
  | { kind: "deliver"; result: JobResult }
  /** Workers died running this job MAX_CRASHES times in a row: fail it rather than crash another. */
  | { kind: "fail-crashed"; expectedFence: string; crashes: number; mend: RunRecord };

/**
 * What a worker that was handed a job does with it, given what the job's run record says. It never starts a second
 * run beside a living one, and never throws a finished run's result away.
 */
export function decideRun({ record, attemptsMade, workerId, recordWorker }: RunSituation): RunDecision {
  if (!record) return { kind: "start", expectedFence: "", crashes: 0 };
  if (record.state === "finished") {
    if (!record.requeued && record.result && record.attemptsMade === attemptsMade)
      return { kind: "deliver", result: record.result };
    return { kind: "start", expectedFence: record.fence, crashes: 0 };
  }
  // Running, by this worker's own earlier call that ended without recording an end (the caller knows that no run
  // of the job is alive here): nothing of it runs, and no worker died.
  if (record.worker === workerId)
    return { kind: "start", expectedFence: record.fence, crashes: record.crashes, mend: record };
  if (recordWorker !== "dead") return { kind: "wait" };
  const crashes = record.crashes + 1;
  if (crashes >= MAX_CRASHES)
    return { kind: "fail-crashed", expectedFence: record.fence, crashes, mend: record };
  return { kind: "start", expectedFence: record.fence, crashes, mend: record };
}
