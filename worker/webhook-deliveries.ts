import { Worker } from "bullmq";
import type { Config } from "@/lib/config";
import { KEY_PREFIX } from "@/lib/queue";
import { createRedisConnection } from "@/lib/redis";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "@/lib/webhooks/sign-webhook";
import type { WebhookDelivery } from "@/lib/webhooks/webhook-events";
import { WEBHOOK_QUEUE_NAME } from "@/lib/webhooks/webhook-queue";

/** A receiver that takes longer is counted as failed, and tried again later. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** What a delivery log keeps of a refusing receiver's answer. */
const ANSWER_EXCERPT_CHARS = 200;

export interface DeliveryReceipt {
  status: number;
  ms: number;
}

/**
 * Sends one delivery, signed: its body is the payload as JSON; X-CCW-Timestamp and X-CCW-Signature let the receiver
 * check it (lib/webhooks/sign-webhook.ts). An answer other than 2xx, or none in time, throws why, and BullMQ tries it
 * again with backoff while attempts remain.
 */
export async function deliverWebhook(
  delivery: WebhookDelivery,
  deliveryId: string,
  secret: string,
): Promise<DeliveryReceipt> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(delivery.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "claude-code-worker-webhooks",
        "x-ccw-event": delivery.payload.event,
        "x-ccw-delivery": deliveryId,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      },
      body,
      // A redirect would resend a signed body somewhere the operator did not name.
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(unreachableReason(error));
  }
  const ms = Math.round(performance.now() - started);
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel();
    return { status: response.status, ms };
  }
  const answer = (await response.text().catch(() => "")).trim().slice(0, ANSWER_EXCERPT_CHARS);
  throw new Error(
    `The receiver answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${answer ? `: ${answer}` : ""}`,
  );
}

function unreachableReason(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError")
    return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return `Could not reach the receiver: ${cause ?? (error as Error).message}`;
}

/** The worker process's side of webhooks: a BullMQ worker that sends what the queue holds. */
export function startWebhookDeliveries(config: Config): Worker<WebhookDelivery, DeliveryReceipt> {
  const worker = new Worker<WebhookDelivery, DeliveryReceipt>(
    WEBHOOK_QUEUE_NAME,
    (job) => deliverWebhook(job.data, job.id as string, config.webhooks.secret),
    {
      connection: createRedisConnection({ name: "webhooks", failFast: false }),
      prefix: KEY_PREFIX,
      concurrency: 4,
    },
  );
  worker.on("error", (error) => console.error("worker: webhooks:", error.message));
  worker.on("failed", (job, error) => {
    if (job?.finishedOn)
      console.error(`worker: webhook to ${new URL(job.data.url).host} failed for good: ${error.message}`);
  });
  return worker;
}
