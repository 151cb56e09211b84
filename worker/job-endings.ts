import { readFile } from "node:fs/promises";
import type { Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { readCancellations } from "@/lib/cancellations";
import type { Config } from "@/lib/config";
import { jobPaths } from "@/lib/job-paths";
import { jobResultSchema } from "@/lib/job-result";
import type { JobData } from "@/lib/queue";
import { recordScheduledJobEnd } from "@/lib/schedules/fire-schedule";
import type { FireData } from "@/lib/schedules/schedule-queue";
import { announceJobEvent } from "@/lib/webhooks/announce-job-event";
import type { WebhookDelivery } from "@/lib/webhooks/webhook-events";

export interface JobEndingDeps {
  config: Config;
  redis: Redis;
  webhooks: Queue<WebhookDelivery>;
  schedules: Queue<FireData>;
}

/**
 * A job has ended for good (completed, failed with no retry left, or cancelled): the webhooks hear of it, with its
 * diagnosis and cost from the result this worker wrote, and its schedule, if a schedule made it, counts it.
 */
export async function reportJobEnd(
  deps: JobEndingDeps,
  job: Job<JobData>,
  completed: boolean,
): Promise<void> {
  const { config, redis } = deps;
  const scheduleId = job.data.scheduleId;
  if (config.webhooks.urls.length === 0 && !scheduleId) return;
  const id = job.id as string;
  const [text, cancellations] = await Promise.all([
    readFile(jobPaths(config.dataDir, id).result, "utf8").catch(() => undefined),
    completed ? new Map() : readCancellations(redis, [id]),
  ]);
  const result = text === undefined ? undefined : jobResultSchema.safeParse(JSON.parse(text)).data;
  const event = completed ? "completed" : cancellations.has(id) ? "cancelled" : "failed";
  await Promise.all([
    announceJobEvent(deps.webhooks, config, event, {
      id,
      spec: job.data,
      state: event,
      diagnosis: result?.diagnosis,
      costUsd: result?.costUsd,
    }),
    scheduleId && event !== "cancelled"
      ? recordScheduledJobEnd(redis, deps.schedules, scheduleId, {
          failed: event === "failed",
          jobId: id,
          cause: result?.diagnosis?.cause,
        })
      : undefined,
  ]);
}
