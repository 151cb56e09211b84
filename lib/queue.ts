import "server-only";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { JobResult } from "./job-result";
import type { JobSpec } from "./job-spec";
import { createRedisConnection } from "./redis";

export const QUEUE_NAME = "jobs";
/** A hash tag, so every key of ours lands in one Redis Cluster slot, as BullMQ's Lua scripts need. */
export const KEY_PREFIX = "{ccw}";
export const JOB_NAME = "claude";

export type JobData = JobSpec;

/**
 * What a job's run returns to BullMQ (its `returnvalue`, shown in bull-board): the verdict in short. The whole result
 * is in the job's result.json; a copy in every job's hash would be Redis memory held for nothing.
 */
export type JobReturnValue = Pick<JobResult, "outcome" | "attempt" | "numTurns" | "costUsd">;

export function toReturnValue({ outcome, attempt, numTurns, costUsd }: JobResult): JobReturnValue {
  return { outcome, attempt, numTurns, costUsd };
}

const globalForQueue = globalThis as typeof globalThis & {
  ccwQueue?: { queue: Queue<JobData>; connection: Redis };
};

/** The queue, created on first use (so `next build` connects to nothing) and kept across dev reloads. */
export function getJobQueue(): Queue<JobData> {
  if (!globalForQueue.ccwQueue) {
    const connection = createRedisConnection({ name: "queue", failFast: true });
    const queue = new Queue<JobData>(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
    // BullMQ repeats its connection's errors here; the connection reports an outage itself, once.
    queue.on("error", () => {});
    globalForQueue.ccwQueue = { queue, connection };
  }
  return globalForQueue.ccwQueue.queue;
}

/** The queue's own Redis connection, for the web's other quick reads (not for blocking commands). */
export function getQueueRedis(): Redis {
  getJobQueue();
  return (globalForQueue.ccwQueue as { connection: Redis }).connection;
}

/** Closes the queue and its connection, which BullMQ leaves open since it did not create it. */
export async function closeJobQueue(): Promise<void> {
  const current = globalForQueue.ccwQueue;
  if (!current) return;
  globalForQueue.ccwQueue = undefined;
  await current.queue.close();
  current.connection.disconnect();
}
