import "server-only";
import { z } from "zod";
import { getConfig } from "../config";
import { webhookEvents } from "./webhook-events";
import { DELIVERIES_KEPT, getWebhookQueue } from "./webhook-queue";

export const webhookDeliveryViewSchema = z.object({
  id: z.string(),
  /** The receiver, shown without its path's secret part. */
  receiver: z.string(),
  event: z.enum(webhookEvents),
  jobId: z.string(),
  jobTitle: z.string(),
  state: z.enum(["delivered", "retrying", "failed", "sending", "queued"]),
  attempts: z.number(),
  maxAttempts: z.number(),
  /** The receiver's status code, once it took the delivery. */
  status: z.number().nullable(),
  lastError: z.string().nullable(),
  queuedAt: z.number(),
  /** When it was taken, or given up on. */
  finishedAt: z.number().nullable(),
  /** When a delivery that is retrying is tried next. */
  nextAttemptAt: z.number().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryViewSchema>;

export const webhooksViewSchema = z.object({
  receivers: z.array(z.object({ index: z.number(), receiver: z.string() })),
  events: z.array(z.enum(webhookEvents)),
  attempts: z.number(),
  deliveries: z.array(webhookDeliveryViewSchema),
});
export type WebhooksView = z.infer<typeof webhooksViewSchema>;

/** The Webhooks page: the receivers the operator set, and the last deliveries, newest first, with how each went. */
export async function getWebhooksView(): Promise<WebhooksView> {
  const { webhooks } = getConfig();
  const queue = getWebhookQueue();
  const jobs = await queue.getJobs(
    ["active", "waiting", "delayed", "completed", "failed"],
    0,
    DELIVERIES_KEPT,
  );
  const states = await Promise.all(jobs.map((job) => job.getState()));
  const deliveries = jobs
    .map((job, index): WebhookDeliveryView => {
      const state = states[index];
      const receipt = job.returnvalue as { status?: number } | null;
      return {
        id: job.id as string,
        receiver: describeReceiver(job.data.url),
        event: job.data.payload.event,
        jobId: job.data.payload.job.id,
        jobTitle: job.data.payload.job.title,
        state:
          state === "completed"
            ? "delivered"
            : state === "failed"
              ? "failed"
              : state === "active"
                ? "sending"
                : job.attemptsMade > 0
                  ? "retrying"
                  : "queued",
        attempts: job.attemptsMade,
        maxAttempts: job.opts.attempts ?? 1,
        status: receipt?.status ?? null,
        lastError: job.failedReason || null,
        queuedAt: job.timestamp,
        finishedAt: job.finishedOn ?? null,
        nextAttemptAt: state === "delayed" ? job.timestamp + (job.delay ?? 0) : null,
      };
    })
    .sort((a, b) => b.queuedAt - a.queuedAt);
  return {
    receivers: webhooks.urls.map((url, index) => ({ index, receiver: describeReceiver(url) })),
    events: webhooks.events,
    attempts: webhooks.attempts,
    deliveries,
  };
}

/**
 * A receiver's URL as a page may show it: its origin and first path segment. The rest of a chat service's webhook
 * URL is its credential.
 */
export function describeReceiver(url: string): string {
  const parsed = new URL(url);
  const [first, ...rest] = parsed.pathname.split("/").filter(Boolean);
  return `${parsed.origin}${first ? `/${first}` : ""}${rest.length > 0 || parsed.search ? "/…" : ""}`;
}
