import { readFile } from "node:fs/promises";
import type { Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { readCancellations } from "@/lib/cancellations";
import type { Config } from "@/lib/config";
import { jobPaths } from "@/lib/job-paths";
import { jobProgressSchema } from "@/lib/job-progress";
import { jobResultSchema } from "@/lib/job-result";
import { countJobEnd } from "@/lib/metrics/job-metrics";
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
 * A job has ended for good (completed, failed with no retry left, or cancelled): the metrics count it, the webhooks
 * hear of it, with its diagnosis and cost from the result this worker wrote, and its schedule, if one made it, too.
 */
export async function reportJobEnd(
  deps: JobEndingDeps,
  job: Job<JobData>,
  completed: boolean,
): Promise<void> {
  const { config, redis } = deps;
  const scheduleId = job.data.scheduleId;
  const id = job.id as string;
  const cancelled = !completed && (await readCancellations(redis, [id])).has(id);
  const event = completed ? "completed" : cancelled ? "cancelled" : "failed";
  // The result file only when someone reads its diagnosis: a webhook, a schedule, or a failure's count.
  const needsResult = config.webhooks.urls.length > 0 || scheduleId !== undefined || event === "failed";
  const text = needsResult
    ? await readFile(jobPaths(config.dataDir, id).result, "utf8").catch(() => undefined)
    : undefined;
  const result = text === undefined ? undefined : jobResultSchema.safeParse(JSON.parse(text)).data;
  const progress = jobProgressSchema.safeParse(job.progress).data;
  const returned = job.returnvalue as { costUsd?: number } | undefined;
  await Promise.all([
    countJobEnd(redis, {
      outcome: event,
      diagnosis: result?.diagnosis?.code,
      durationMs: job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined,
      costUsd: result?.costUsd ?? returned?.costUsd ?? progress?.costUsd,
      inputTokens: progress?.inputTokens,
      outputTokens: progress?.outputTokens,
      logLines: progress?.events,
    }),
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
