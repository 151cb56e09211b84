import "server-only";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./queue";

/** The follow-ups of a job: they run in its working directory, so its folder must outlive them. */
function followUpsKey(parentId: string): string {
  return `${KEY_PREFIX}:follow-ups:${parentId}`;
}

export async function recordFollowUp(redis: Redis, parentId: string, childId: string): Promise<void> {
  await redis.sadd(followUpsKey(parentId), childId);
}

export async function readFollowUps(redis: Redis, parentId: string): Promise<string[]> {
  return (await redis.smembers(followUpsKey(parentId))).sort();
}

/** Forgets a deleted job: as a follow-up of its parent, and as a parent. */
export async function forgetFollowUps(redis: Redis, jobId: string, parentId: string | null): Promise<void> {
  const pipeline = redis.pipeline().del(followUpsKey(jobId));
  if (parentId) pipeline.srem(followUpsKey(parentId), jobId);
  await pipeline.exec();
}
