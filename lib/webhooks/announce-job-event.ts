import "server-only";
import { randomBytes } from "node:crypto";
import type { Queue } from "bullmq";
import type { Config } from "../config";
import type { Diagnosis } from "../job-result";
import { type JobSpec, jobLabel } from "../job-spec";
import type { WebhookDelivery, WebhookEvent, WebhookPayload } from "./webhook-events";
import { DELIVERIES_KEPT, WEBHOOK_JOB_NAME } from "./webhook-queue";

export interface AnnouncedJob {
  id: string;
  spec: Pick<JobSpec, "title" | "prompt">;
  state: string;
  diagnosis?: Diagnosis | null;
  costUsd?: number | null;
}

/**
 * Queues one delivery of `event` to each configured URL that wants it, to be signed and sent (and retried with
 * backoff) by a worker. Returns the deliveries' ids.
 */
export async function announceJobEvent(
  queue: Queue<WebhookDelivery>,
  config: Pick<Config, "webhooks" | "publicUrl">,
  event: WebhookEvent,
  job: AnnouncedJob,
  urls: readonly string[] = config.webhooks.urls,
): Promise<string[]> {
  const wanted = event === "test" || config.webhooks.events.includes(event) ? urls : [];
  if (wanted.length === 0) return [];
  const payload: WebhookPayload = {
    event,
    at: Date.now(),
    job: {
      id: job.id,
      title: jobLabel(job.spec, 200),
      state: job.state,
      diagnosis: job.diagnosis ?? null,
      costUsd: job.costUsd ?? null,
      url: `${config.publicUrl}/jobs/${job.id}`,
    },
  };
  const ids = wanted.map(() => `d${randomBytes(8).toString("hex")}`);
  await queue.addBulk(
    wanted.map((url, index) => ({
      name: WEBHOOK_JOB_NAME,
      data: { url, payload },
      opts: {
        jobId: ids[index],
        attempts: config.webhooks.attempts,
        backoff: { type: "exponential", delay: config.webhooks.backoffSeconds * 1000 },
        removeOnComplete: { count: DELIVERIES_KEPT },
        removeOnFail: { count: DELIVERIES_KEPT },
      },
    })),
  );
  return ids;
}
