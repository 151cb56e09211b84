import type { Redis } from "ioredis";
import { isAfterStreamId, type JobStreamEntry, readJobEvents } from "../job-events";
import { jobPaths } from "../job-paths";
import { archivedEntriesAfter, readLogIndex } from "./archived-log";

/**
 * A job's log after `cursor` as it is now, in batches: the part moved out of Redis (read from events.jsonl through
 * the job's log index), then its stream. `redis` must not block.
 */
export async function* replayJobLog(
  redis: Redis,
  dataDir: string,
  jobId: string,
  cursor: string,
  batch: number,
): AsyncGenerator<JobStreamEntry[]> {
  const paths = jobPaths(dataDir, jobId);
  let after = cursor;
  let index = await readLogIndex(paths.logIndex);
  for (;;) {
    if (index && isAfterStreamId(index.last, after)) {
      for await (const entries of archivedEntriesAfter(paths.events, index, after, batch)) {
        after = entries.at(-1)?.cursor ?? after;
        yield entries;
      }
      // Lines an edited file no longer holds are gone from both; the stream goes on after the index's last.
      if (isAfterStreamId(index.last, after)) after = index.last;
    }
    for (;;) {
      const entries = await readJobEvents(redis, jobId, after, { count: batch });
      after = entries.at(-1)?.cursor ?? after;
      if (entries.length > 0) yield entries;
      if (entries.length < batch) break;
    }
    // The log may have left Redis while it was read: the index is written before the stream is trimmed, so what the
    // stream no longer had is in the index now.
    const again = await readLogIndex(paths.logIndex);
    if (!again || !isAfterStreamId(again.last, after)) return;
    index = again;
  }
}
