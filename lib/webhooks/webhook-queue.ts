import "server-only";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { getQueueRedis, KEY_PREFIX } from "../queue";
import type { WebhookDelivery } from "./webhook-events";

/** BullMQ's queue of deliveries, beside the jobs' (the same hash tag), worked by the worker process. */
export const WEBHOOK_QUEUE_NAME = "webhooks";
export const WEBHOOK_JOB_NAME = "deliver";
/** The delivery log: this many of the last finished deliveries are kept, the rest trimmed by BullMQ. */
export const DELIVERIES_KEPT = 200;

export function webhookQueue(connection: Redis): Queue<WebhookDelivery> {
  const queue = new Queue<WebhookDelivery>(WEBHOOK_QUEUE_NAME, { connection, prefix: KEY_PREFIX });
  queue.on("error", () => {});
  return queue;
}

const globalForWebhooks = globalThis as typeof globalThis & {
  ccwWebhookQueue?: { queue: Queue<WebhookDelivery>; connection: Redis };
};

/** The web process's handle on it, on the queue's connection (made again when that connection was closed). */
export function getWebhookQueue(): Queue<WebhookDelivery> {
  const connection = getQueueRedis();
  if (globalForWebhooks.ccwWebhookQueue?.connection !== connection)
    globalForWebhooks.ccwWebhookQueue = { queue: webhookQueue(connection), connection };
  return globalForWebhooks.ccwWebhookQueue.queue;
}
