import type { Redis } from "ioredis";
import { jobEventsKey } from "@/lib/job-events";
import { archiveJobLog } from "@/lib/logs/archive-job-log";
import { KEY_PREFIX, QUEUE_NAME } from "@/lib/queue";

/** Every finished job up to this time has had its log moved out of Redis. */
const SWEPT_TO_KEY = `${KEY_PREFIX}:log-archive:swept-to`;
/** One worker sweeps at a time; another one takes over if it dies mid-sweep. */
const LOCK_KEY = `${KEY_PREFIX}:log-archive:lock`;
const LOCK_MS = 60_000;
const PAGE = 200;
/** Hosts' clocks differ: a job another host finished "earlier" than the last sweep is still found. */
const CLOCK_SLACK_MS = 5_000;

const UNLOCK = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

/** How often to sweep for a retention window: a tenth of it, from once a second to once a minute. */
export function logSweepIntervalMs(retentionSeconds: number): number {
  return Math.min(60_000, Math.max(1000, (retentionSeconds * 1000) / 10));
}

export interface LogSweepOutcome {
  archived: number;
  /** Jobs whose log stayed in Redis, and why. */
  problems: { jobId: string; problem: string }[];
}

/**
 * Moves the logs of jobs that finished more than `retentionSeconds` ago out of Redis (lib/logs/archive-job-log.ts).
 * Finished jobs are found by BullMQ's own sets, scored by when they finished, from where the last sweep ended.
 */
export async function sweepFinishedLogs(
  redis: Redis,
  options: { dataDir: string; retentionSeconds: number; workerId: string },
): Promise<LogSweepOutcome> {
  const outcome: LogSweepOutcome = { archived: 0, problems: [] };
  if ((await redis.set(LOCK_KEY, options.workerId, "PX", LOCK_MS, "NX")) !== "OK") return outcome;
  try {
    const cutoff = Date.now() - options.retentionSeconds * 1000;
    const from = Number((await redis.get(SWEPT_TO_KEY)) ?? 0) - CLOCK_SLACK_MS;
    for (const state of ["completed", "failed"]) {
      const key = `${KEY_PREFIX}:${QUEUE_NAME}:${state}`;
      let min = String(from);
      for (;;) {
        const page = await redis.zrangebyscore(key, min, cutoff, "WITHSCORES", "LIMIT", 0, PAGE);
        const ids = page.filter((_, n) => n % 2 === 0);
        await archiveLogsOf(redis, options.dataDir, ids, outcome);
        if (ids.length < PAGE) break;
        const lastScore = page[page.length - 1] as string;
        // A page of one millisecond alone goes on after it: the next page would be the same one.
        min = lastScore === min ? `(${lastScore}` : lastScore;
      }
    }
    await redis.set(SWEPT_TO_KEY, String(cutoff));
  } finally {
    await redis.eval(UNLOCK, 1, LOCK_KEY, options.workerId);
  }
  return outcome;
}

async function archiveLogsOf(redis: Redis, dataDir: string, ids: string[], outcome: LogSweepOutcome) {
  if (ids.length === 0) return;
  // Most were moved by an earlier sweep: one round trip tells which still have a stream.
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.exists(jobEventsKey(id));
  const exists = (await pipeline.exec()) ?? [];
  for (const [n, id] of ids.entries()) {
    if (exists[n]?.[1] !== 1) continue;
    try {
      const archived = await archiveJobLog(redis, dataDir, id);
      if ("problem" in archived) outcome.problems.push({ jobId: id, problem: archived.problem });
      else if (archived.archived > 0) outcome.archived++;
    } catch (error) {
      outcome.problems.push({ jobId: id, problem: (error as Error).message });
    }
  }
}
