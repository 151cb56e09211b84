import "server-only";
import type { Redis } from "ioredis";
import { z } from "zod";
import { jobSpecSchema } from "./job-spec";
import { KEY_PREFIX } from "./queue";

/**
 * Cancelled jobs, by id. An active job cancelled stays a (failed) BullMQ job and its entry only marks it; a waiting
 * or delayed one is removed from the queue, so its entry keeps what the dashboard shows of it.
 */
const CANCELLED_KEY = `${KEY_PREFIX}:cancelled`;
/** Workers listen here for "stop this job", since only the worker running a job can abort it. */
export const CANCEL_CHANNEL = `${KEY_PREFIX}:cancel`;
export const CANCEL_REASON = "cancelled by a user";

export const cancellationSchema = z.object({
  cancelledAt: z.number(),
  /** Set when the job was removed from the queue before it ran. */
  removed: z.object({ spec: jobSpecSchema, createdAt: z.number() }).optional(),
  /** Set by the worker once it has stopped the attempt the cancel was for. */
  carriedOutAt: z.number().optional(),
});
export type Cancellation = z.infer<typeof cancellationSchema>;

export async function recordCancellation(
  redis: Redis,
  jobId: string,
  cancellation: Cancellation,
): Promise<void> {
  await redis.hset(CANCELLED_KEY, jobId, JSON.stringify(cancellation));
}

/** Tells every worker to stop the job; the one running it does. */
export async function announceCancellation(redis: Redis, jobId: string): Promise<void> {
  await redis.publish(CANCEL_CHANNEL, jobId);
}

/** Forgets a cancel, when the job is retried. */
export async function clearCancellation(redis: Redis, jobId: string): Promise<void> {
  await redis.hdel(CANCELLED_KEY, jobId);
}

export async function readCancellations(redis: Redis, jobIds: string[]): Promise<Map<string, Cancellation>> {
  const found = new Map<string, Cancellation>();
  if (jobIds.length === 0) return found;
  const values = await redis.hmget(CANCELLED_KEY, ...jobIds);
  values.forEach((value, index) => {
    const parsed = value ? cancellationSchema.safeParse(JSON.parse(value)) : undefined;
    if (parsed?.success) found.set(jobIds[index] as string, parsed.data);
  });
  return found;
}

/** Every cancel record, by job id: the job list reads them once per request. */
export async function readAllCancellations(redis: Redis): Promise<Map<string, Cancellation>> {
  const found = new Map<string, Cancellation>();
  for (const [id, value] of Object.entries(await redis.hgetall(CANCELLED_KEY))) {
    const parsed = cancellationSchema.safeParse(JSON.parse(value));
    if (parsed.success) found.set(id, parsed.data);
  }
  return found;
}

/** Deletes a hash field only if it still holds the value read, so a newer cancel is never lost. */
const DELETE_IF_UNCHANGED = `
if redis.call("HGET", KEYS[1], ARGV[1]) == ARGV[2] then return redis.call("HDEL", KEYS[1], ARGV[1]) end
return 0`;

/**
 * Called by the worker as it starts an attempt: whether a cancel waits for it. A cancel the worker has already
 * carried out (or a record of a job removed before it ran) belongs to an earlier attempt: the job was run again from
 * elsewhere (bull-board's Retry, say), so that record is forgotten, unless a new cancel replaced it meanwhile. A cancel
 * not yet carried out counts: the worker that should have stopped the job died, and the job was handed over.
 */
export async function takeCancellation(redis: Redis, jobId: string): Promise<boolean> {
  const value = await redis.hget(CANCELLED_KEY, jobId);
  if (value === null) return false;
  const parsed = cancellationSchema.safeParse(JSON.parse(value));
  if (parsed.success && isPending(parsed.data)) return true;
  await redis.eval(DELETE_IF_UNCHANGED, 1, CANCELLED_KEY, jobId, value);
  return false;
}

/** Marks a job's cancel as carried out: the attempt it was for has been stopped. */
export async function markCancellationCarriedOut(redis: Redis, jobId: string): Promise<void> {
  const found = (await readCancellations(redis, [jobId])).get(jobId);
  if (found) await recordCancellation(redis, jobId, { ...found, carriedOutAt: Date.now() });
}

export function isPending(cancellation: Cancellation): boolean {
  return !cancellation.removed && cancellation.carriedOutAt === undefined;
}
