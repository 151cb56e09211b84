import "server-only";
import { hostname } from "node:os";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";
import { findWorkerStatus, removeWorkerStatus } from "../worker-status";

/** Why workers ended unexpectedly, by worker id: what a job that was running there is told. */
const WORKER_EXITS_KEY = `${KEY_PREFIX}:worker-exits`;
const KEPT_SECONDS = 7 * 24 * 3600;

/**
 * Records why a worker process on this host ended ("killed by SIGKILL", "exit code 1: <its last error>"), found by
 * its pid in the workers' reports, and drops its report: it is no longer online. Its jobs' next runs read the reason
 * to explain the crash.
 */
export async function recordWorkerExit(
  redis: Redis,
  pid: number,
  reason: string,
): Promise<string | undefined> {
  const status = await findWorkerStatus(redis, hostname(), pid);
  if (!status) return undefined;
  await recordExitOf(redis, status.id, reason);
  await removeWorkerStatus(redis, status.id);
  return status.id;
}

/** Records why the worker `workerId` ended. */
export async function recordExitOf(redis: Redis, workerId: string, reason: string): Promise<void> {
  await redis
    .multi()
    .hset(WORKER_EXITS_KEY, workerId, JSON.stringify({ at: Date.now(), reason }))
    .expire(WORKER_EXITS_KEY, KEPT_SECONDS)
    .exec();
}

/** Why the worker `workerId` ended, when something recorded it. */
export async function readWorkerExit(redis: Redis, workerId: string): Promise<string | undefined> {
  const value = await redis.hget(WORKER_EXITS_KEY, workerId);
  if (!value) return undefined;
  const parsed = JSON.parse(value) as { reason?: unknown };
  return typeof parsed.reason === "string" ? parsed.reason : undefined;
}
