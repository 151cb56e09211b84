import "server-only";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./queue";

/** Each job's CLI output lines live in a Redis Stream; the entry id is the cursor a reader resumes from. */
export function jobEventsKey(jobId: string): string {
  return `${KEY_PREFIX}:events:${jobId}`;
}

/** Lines kept per job stream; the full log is always in events.jsonl. */
const STREAM_MAX_LEN = 200_000;

export type JobStreamEntry = { cursor: string; kind: "line"; line: string } | { cursor: string; kind: "end" };

export async function appendJobEvents(redis: Redis, jobId: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const pipeline = redis.pipeline();
  for (const line of lines) {
    pipeline.xadd(jobEventsKey(jobId), "MAXLEN", "~", STREAM_MAX_LEN, "*", "line", line);
  }
  await pipeline.exec();
}

/** Marks the end of an attempt's output, so a reader knows nothing more will come. */
export async function appendJobEnd(redis: Redis, jobId: string): Promise<void> {
  await redis.xadd(jobEventsKey(jobId), "MAXLEN", "~", STREAM_MAX_LEN, "*", "end", "1");
}

/**
 * Entries after `cursor` ("0" for the start). With `blockMs`, waits that long for the first new entry;
 * a blocking read needs a connection of its own.
 */
export async function readJobEvents(
  redis: Redis,
  jobId: string,
  cursor: string,
  options: { count: number; blockMs?: number },
): Promise<JobStreamEntry[]> {
  const key = jobEventsKey(jobId);
  const reply =
    options.blockMs === undefined
      ? await redis.xread("COUNT", options.count, "STREAMS", key, cursor)
      : await redis.xread("COUNT", options.count, "BLOCK", options.blockMs, "STREAMS", key, cursor);
  const entries = reply?.[0]?.[1] ?? [];
  return entries.map(([id, fields]) =>
    fields[0] === "end" ? { cursor: id, kind: "end" } : { cursor: id, kind: "line", line: fields[1] ?? "" },
  );
}
