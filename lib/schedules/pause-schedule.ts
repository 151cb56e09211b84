import "server-only";
import { getQueueRedis } from "../queue";
import { getScheduleQueue, startScheduler, stopScheduler } from "./schedule-queue";
import { readSchedule, recordSchedulePause, removeSchedule } from "./schedule-store";

export type ScheduleCommandResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

const missing = (id: string) =>
  ({ ok: false, status: 404, error: `There is no schedule ${id}: it may have been deleted.` }) as const;

/** No run starts until it is resumed; the job a run started goes on. */
export async function pauseSchedule(id: string, by: string): Promise<ScheduleCommandResult> {
  const redis = getQueueRedis();
  const schedule = await readSchedule(redis, id);
  if (!schedule) return missing(id);
  if (schedule.paused) return { ok: false, status: 409, error: "The schedule is paused already." };
  await stopScheduler(getScheduleQueue(), id);
  await recordSchedulePause(redis, id, { at: Date.now(), reason: `Paused by ${by}.` });
  return { ok: true };
}

/** Runs again from its next time on, with its failures in a row forgotten. */
export async function resumeSchedule(id: string): Promise<ScheduleCommandResult> {
  const redis = getQueueRedis();
  const schedule = await readSchedule(redis, id);
  if (!schedule) return missing(id);
  if (!schedule.paused) return { ok: false, status: 409, error: "The schedule is not paused." };
  await recordSchedulePause(redis, id, null);
  await startScheduler(getScheduleQueue(), schedule);
  return { ok: true };
}

/** Stops it for good; the jobs it made stay. */
export async function deleteSchedule(id: string): Promise<ScheduleCommandResult> {
  await stopScheduler(getScheduleQueue(), id);
  return (await removeSchedule(getQueueRedis(), id)) ? { ok: true } : missing(id);
}
