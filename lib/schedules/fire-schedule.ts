import "server-only";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { submitJob } from "../jobs/submit-job";
import { getJobQueue } from "../queue";
import { type FireData, stopScheduler } from "./schedule-queue";
import { SCHEDULE_FAILURES_TO_PAUSE } from "./schedule-schemas";
import {
  readSchedule,
  recordScheduledOutcome,
  recordSchedulePause,
  recordScheduleRun,
} from "./schedule-store";

/** A job of the schedule that has not ended: with overlap "skip", no new run starts beside it. */
const UNFINISHED = new Set(["waiting", "prioritized", "delayed", "active", "waiting-children"]);

export type FireOutcome = { fired: string } | { skipped: string } | { none: string };

/** One tick of a schedule: submits its job, unless it is paused, gone, or its last job still runs and overlap is skip. */
export async function fireSchedule(redis: Redis, id: string, now = Date.now()): Promise<FireOutcome> {
  const schedule = await readSchedule(redis, id);
  if (!schedule) return { none: "the schedule was deleted" };
  if (schedule.paused) return { none: "the schedule is paused" };
  const last = schedule.runs.find((run) => run.jobId !== undefined)?.jobId;
  if (schedule.input.overlap === "skip" && last) {
    const state = await getJobQueue().getJobState(last);
    if (UNFINISHED.has(state)) {
      const skipped = `Skipped: its last job, ${last}, was still ${state === "active" ? "running" : "waiting"}.`;
      await recordScheduleRun(redis, id, { at: now, skipped });
      return { skipped };
    }
  }
  const submitted = await submitJob({ ...schedule.input.spec, scheduleId: id });
  if (!submitted.ok) {
    const skipped = `Not started: ${Object.values(submitted.errors).join("; ")}`;
    await recordScheduleRun(redis, id, { at: now, skipped });
    return { skipped };
  }
  await recordScheduleRun(redis, id, { at: now, jobId: submitted.id });
  return { fired: submitted.id };
}

/**
 * A scheduled job ended: a failure counts toward the schedule's failures in a row, and the third pauses it, saying
 * why; a completion starts the count again. A cancel counts neither way.
 */
export async function recordScheduledJobEnd(
  redis: Redis,
  queue: Queue<FireData>,
  scheduleId: string,
  end: { failed: boolean; jobId: string; cause?: string },
): Promise<void> {
  const failures = await recordScheduledOutcome(redis, scheduleId, end.failed);
  if (failures < SCHEDULE_FAILURES_TO_PAUSE) return;
  if ((await readSchedule(redis, scheduleId))?.paused) return;
  await stopScheduler(queue, scheduleId);
  await recordSchedulePause(redis, scheduleId, {
    at: Date.now(),
    reason: `Paused itself after ${failures} failed runs in a row; the last, ${end.jobId}: ${end.cause ?? "it failed"}. Resume it once the cause is fixed.`,
  });
}
