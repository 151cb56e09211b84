import "server-only";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";

/** A worker's heartbeat: a key that lives while the worker renews it. Its jobs' processes are orphans once it is gone. */
export function heartbeatKey(workerId: string): string {
  return `${KEY_PREFIX}:worker:${workerId}:alive`;
}

export interface HeartbeatTimings {
  /** How often a worker renews its key. */
  intervalMs: number;
  /** How long the key outlives its last renewal. */
  ttlMs: number;
  /**
   * How long an observer with a steady connection must see a key missing before the worker counts as dead: after a
   * Redis outage every key may have expired, and a living worker needs a moment to reconnect and renew it.
   */
  confirmMs: number;
}

/** Scaled to BullMQ's lock, so a dead worker's job is recovered on the same footing as its lock expires. */
export function heartbeatTimings(lockSeconds: number): HeartbeatTimings {
  const intervalMs = Math.min(Math.max(Math.round((lockSeconds * 1000) / 3), 500), 10_000);
  // Reconnecting takes a living worker up to ~2 s after Redis is back (ioredis's backoff here): confirm well past it.
  return { intervalMs, ttlMs: 3 * intervalMs, confirmMs: Math.max(2 * intervalMs, 5000) };
}

export async function renewHeartbeat(redis: Redis, workerId: string, ttlMs: number): Promise<void> {
  await redis.set(heartbeatKey(workerId), String(Date.now()), "PX", ttlMs);
}

export async function endHeartbeat(redis: Redis, workerId: string): Promise<void> {
  await redis.del(heartbeatKey(workerId));
}

/** Which of these workers have a live heartbeat. */
export async function workersWithHeartbeat(redis: Redis, workerIds: string[]): Promise<Set<string>> {
  if (workerIds.length === 0) return new Set();
  const values = await redis.mget(workerIds.map(heartbeatKey));
  return new Set(workerIds.filter((_, index) => values[index] !== null));
}
