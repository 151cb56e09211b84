import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";
import { type JobHold, jobHoldSchema } from "./job-hold";

const HOLDS_KEY = `${KEY_PREFIX}:holds`;

export async function recordHold(redis: Redis, jobId: string, hold: JobHold): Promise<void> {
  await redis.hset(HOLDS_KEY, jobId, JSON.stringify(hold));
}

/** The job runs: whatever held it is over. Returns that hold, which the run's end may count on. */
export async function takeHold(redis: Redis, jobId: string): Promise<JobHold | undefined> {
  const replies = await redis.multi().hget(HOLDS_KEY, jobId).hdel(HOLDS_KEY, jobId).exec();
  const value = replies?.[0]?.[1];
  return typeof value === "string" ? jobHoldSchema.safeParse(JSON.parse(value)).data : undefined;
}

export async function clearHold(redis: Redis, jobId: string): Promise<void> {
  await redis.hdel(HOLDS_KEY, jobId);
}

/** The holds of these jobs, in one round trip. */
export async function readHolds(redis: Redis, jobIds: readonly string[]): Promise<Map<string, JobHold>> {
  const holds = new Map<string, JobHold>();
  if (jobIds.length === 0) return holds;
  const values = await redis.hmget(HOLDS_KEY, ...jobIds);
  jobIds.forEach((id, index) => {
    const parsed = jobHoldSchema.safeParse(JSON.parse(values[index] ?? "null"));
    if (parsed.success) holds.set(id, parsed.data);
  });
  return holds;
}

/** The jobs held for one reason: those to let go when the operator lifts the day's budget. */
export async function jobsHeldFor(redis: Redis, reason: JobHold["reason"]): Promise<string[]> {
  return Object.entries(await redis.hgetall(HOLDS_KEY)).flatMap(([id, value]) => {
    const parsed = jobHoldSchema.safeParse(JSON.parse(value));
    return parsed.success && parsed.data.reason === reason ? [id] : [];
  });
}
