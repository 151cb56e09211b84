import { readFile } from "node:fs/promises";
import type { Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { readCancellations } from "@/lib/cancellations";
import type { Config } from "@/lib/config";
import { jobPaths } from "@/lib/job-paths";
import { jobResultSchema } from "@/lib/job-result";
import type { JobData } from "@/lib/queue";
import { announceJobEvent } from "@/lib/webhooks/announce-job-event";
import type { WebhookDelivery } from "@/lib/webhooks/webhook-events";

/**
 * Tells the webhooks that a job has ended for good (completed, failed with no retry left, or cancelled), with its
 * diagnosis and cost from the result this worker wrote.
 */
export async function announceJobEnd(
  queue: Queue<WebhookDelivery>,
  config: Config,
  redis: Redis,
  job: Job<JobData>,
  completed: boolean,
): Promise<void> {
  if (config.webhooks.urls.length === 0) return;
  const id = job.id as string;
  const [text, cancellations] = await Promise.all([
    readFile(jobPaths(config.dataDir, id).result, "utf8").catch(() => undefined),
    completed ? new Map() : readCancellations(redis, [id]),
  ]);
  const result = text === undefined ? undefined : jobResultSchema.safeParse(JSON.parse(text)).data;
  const event = completed ? "completed" : cancellations.has(id) ? "cancelled" : "failed";
  await announceJobEvent(queue, config, event, {
    id,
    spec: job.data,
    state: event,
    diagnosis: result?.diagnosis,
    costUsd: result?.costUsd,
  });
}
