import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";

/** Counters of every job's end, kept in Redis so every web process reports the same totals. */
const COUNTERS_KEY = `${KEY_PREFIX}:metrics`;

export interface JobEnd {
  outcome: "completed" | "failed" | "cancelled";
  diagnosis?: string;
  durationMs?: number;
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
  logLines?: number;
}

/** Counts a job's end: its outcome and diagnosis, and adds its duration, cost, tokens and log lines. */
export async function countJobEnd(redis: Redis, end: JobEnd): Promise<void> {
  const multi = redis.multi().hincrby(COUNTERS_KEY, `jobs|${end.outcome}|${end.diagnosis ?? ""}`, 1);
  if (end.durationMs !== undefined)
    multi
      .hincrbyfloat(COUNTERS_KEY, "duration_seconds_sum", end.durationMs / 1000)
      .hincrby(COUNTERS_KEY, "duration_seconds_count", 1);
  if (end.costUsd) multi.hincrbyfloat(COUNTERS_KEY, "cost_usd", end.costUsd);
  if (end.inputTokens) multi.hincrby(COUNTERS_KEY, "tokens|input", end.inputTokens);
  if (end.outputTokens) multi.hincrby(COUNTERS_KEY, "tokens|output", end.outputTokens);
  if (end.logLines) multi.hincrby(COUNTERS_KEY, "log_lines", end.logLines);
  await multi.exec();
}

export async function readJobCounters(redis: Redis): Promise<Record<string, number>> {
  return Object.fromEntries(
    Object.entries(await redis.hgetall(COUNTERS_KEY)).map(([key, value]) => [key, Number(value)]),
  );
}
