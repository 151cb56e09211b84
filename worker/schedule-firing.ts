import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "@/lib/queue";
import { createRedisConnection } from "@/lib/redis";
import { fireSchedule } from "@/lib/schedules/fire-schedule";
import { type FireData, SCHEDULE_QUEUE_NAME } from "@/lib/schedules/schedule-queue";

/** The worker process's side of schedules: each tick BullMQ's scheduler makes becomes a job of the jobs queue. */
export function startScheduleFiring(redis: Redis): Worker<FireData> {
  const worker = new Worker<FireData>(
    SCHEDULE_QUEUE_NAME,
    async (job) => {
      const outcome = await fireSchedule(redis, job.data.scheduleId, job.timestamp);
      if ("fired" in outcome)
        console.log(`worker: schedule ${job.data.scheduleId} started job ${outcome.fired}`);
      else if ("skipped" in outcome)
        console.log(`worker: schedule ${job.data.scheduleId}: ${outcome.skipped}`);
      return outcome;
    },
    { connection: createRedisConnection({ name: "schedules", failFast: false }), prefix: KEY_PREFIX },
  );
  worker.on("error", (error) => console.error("worker: schedules:", error.message));
  return worker;
}
