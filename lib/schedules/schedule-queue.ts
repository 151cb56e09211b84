import "server-only";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { getQueueRedis, KEY_PREFIX } from "../queue";
import type { ScheduleDefinition } from "./schedule-schemas";

/**
 * BullMQ's job schedulers live on a queue of their own: each tick is a small "fire" job there, which a worker turns
 * into a job of the jobs queue with an id of ours (BullMQ's scheduler ids would not sort, or name a folder, as ours do).
 */
export const SCHEDULE_QUEUE_NAME = "schedules";
export const FIRE_JOB_NAME = "fire";

export interface FireData {
  scheduleId: string;
}

export function scheduleQueue(connection: Redis): Queue<FireData> {
  const queue = new Queue<FireData>(SCHEDULE_QUEUE_NAME, { connection, prefix: KEY_PREFIX });
  queue.on("error", () => {});
  return queue;
}

const globalForSchedules = globalThis as typeof globalThis & {
  ccwScheduleQueue?: { queue: Queue<FireData>; connection: Redis };
};

export function getScheduleQueue(): Queue<FireData> {
  const connection = getQueueRedis();
  if (globalForSchedules.ccwScheduleQueue?.connection !== connection)
    globalForSchedules.ccwScheduleQueue = { queue: scheduleQueue(connection), connection };
  return globalForSchedules.ccwScheduleQueue.queue;
}

/** Starts (or changes) the BullMQ scheduler of a schedule: from now on it ticks as its cron or interval says. */
export async function startScheduler(queue: Queue<FireData>, schedule: ScheduleDefinition): Promise<void> {
  const { cron, everySeconds, timezone } = schedule.input;
  await queue.upsertJobScheduler(
    schedule.id,
    cron !== undefined
      ? { pattern: cron, tz: timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone }
      : { every: (everySeconds ?? 0) * 1000 },
    {
      name: FIRE_JOB_NAME,
      data: { scheduleId: schedule.id },
      opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    },
  );
}

export async function stopScheduler(queue: Queue<FireData>, id: string): Promise<void> {
  await queue.removeJobScheduler(id);
}

/** When the scheduler ticks next, or null when it is stopped. */
export async function nextTickOf(queue: Queue<FireData>, id: string): Promise<number | null> {
  const scheduler = await queue.getJobScheduler(id);
  return scheduler?.next ?? null;
}
