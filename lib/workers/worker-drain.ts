import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";

/** Workers asked to drain: each finishes what it runs and takes nothing new until resumed. */
const DRAIN_KEY = `${KEY_PREFIX}:workers:drain`;
/** How often a worker looks whether it is asked to drain. */
export const DRAIN_POLL_MS = 2000;

export async function requestDrain(redis: Redis, workerId: string, drain: boolean): Promise<void> {
  if (drain) await redis.hset(DRAIN_KEY, workerId, String(Date.now()));
  else await redis.hdel(DRAIN_KEY, workerId);
}

export async function isDrainRequested(redis: Redis, workerId: string): Promise<boolean> {
  return (await redis.hexists(DRAIN_KEY, workerId)) === 1;
}
