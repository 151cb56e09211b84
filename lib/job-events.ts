import "server-only";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./queue";
import { runRecordKey } from "./runs/run-record";

/** Each job's CLI output lines live in a Redis Stream; the entry id is the cursor a reader resumes from. */
export function jobEventsKey(jobId: string): string {
  return `${KEY_PREFIX}:events:${jobId}`;
}

/** Lines kept per job stream; the full log is always in events.jsonl. */
const STREAM_MAX_LEN = 200_000;

export type JobStreamEntry = { cursor: string; kind: "line"; line: string } | { cursor: string; kind: "end" };

/** A stream entry as the writer numbered it: `id` is `<attempt start ms>-<n>`, increasing. */
export type NumberedEntry = { id: string; field: "line" | "end"; value: string };

const APPEND = `
if ARGV[1] ~= "" and redis.call("HGET", KEYS[1], "fence") ~= ARGV[1] then return -1 end
local added = 0
for i = 3, #ARGV, 3 do
  local reply = redis.pcall("XADD", KEYS[2], "MAXLEN", "~", ARGV[2], ARGV[i], ARGV[i + 1], ARGV[i + 2])
  if type(reply) == "table" and reply.err then
    if not string.find(reply.err, "equal or smaller than the target stream top item", 1, true) then
      return redis.error_reply(reply.err)
    end
  else
    added = added + 1
  end
end
return added`;

/**
 * Adds entries under the ids the writer gave them, if `fence` is still the job's current run (see
 * lib/runs/run-record.ts); false when it is not, and nothing was added. Retrying a batch after a lost reply is safe:
 * Redis refuses an id that is not above the stream's last one, so what already landed is not added twice.
 * Without a fence (seeding, or mending a dead run's stream), entries are added unconditionally.
 */
export async function appendJobEntries(
  redis: Redis,
  jobId: string,
  entries: NumberedEntry[],
  fence?: string,
): Promise<boolean> {
  if (entries.length === 0) return true;
  const args = entries.flatMap((entry) => [entry.id, entry.field, entry.value]);
  const added = await redis.eval(
    APPEND,
    2,
    runRecordKey(jobId),
    jobEventsKey(jobId),
    fence ?? "",
    STREAM_MAX_LEN,
    ...args,
  );
  return added !== -1;
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
  return (reply?.[0]?.[1] ?? []).map(toStreamEntry);
}

/** A raw stream entry (its id and field list) as the log's reader sees it. */
export function toStreamEntry([id, fields]: [string, string[]]): JobStreamEntry {
  return fields[0] === "end"
    ? { cursor: id, kind: "end" }
    : { cursor: id, kind: "line", line: fields[1] ?? "" };
}

/** A stream id's two numbers, milliseconds and sequence ("0" is 0-0). */
export function streamIdParts(id: string): [number, number] {
  const [ms = 0, seq = 0] = id.split("-").map(Number);
  return [ms, seq];
}

/** Whether stream id `a` comes after `b`. */
export function isAfterStreamId(a: string, b: string): boolean {
  const [aMs, aSeq] = streamIdParts(a);
  const [bMs, bSeq] = streamIdParts(b);
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
}

/** The id of the stream's newest entry, or undefined for an empty or missing stream. */
export async function lastStreamId(redis: Redis, jobId: string): Promise<string | undefined> {
  const [newest] = await redis.xrevrange(jobEventsKey(jobId), "+", "-", "COUNT", 1);
  return newest?.[0];
}
