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

/** A stream entry as the writer numbered it: `id` is `<attempt start ms>-<n>`, increasing. */
export type NumberedEntry = { id: string; field: "line" | "end"; value: string };

/**
 * Adds entries under the ids the writer gave them. Retrying a batch after a lost reply is safe: Redis refuses an
 * id that is not above the stream's last one, so what already landed is not added twice.
 */
export async function appendJobEntries(redis: Redis, jobId: string, entries: NumberedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const pipeline = redis.pipeline();
  for (const entry of entries) {
    pipeline.xadd(jobEventsKey(jobId), "MAXLEN", "~", STREAM_MAX_LEN, entry.id, entry.field, entry.value);
  }
  const replies = (await pipeline.exec()) ?? [];
  const failure = replies.find(
    ([error]) => error && !/equal or smaller than the target stream top item/.test(error.message),
  );
  if (failure?.[0]) throw failure[0];
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
