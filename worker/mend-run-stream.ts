import type { Redis } from "ioredis";
import { appendJobEntries, type NumberedEntry } from "@/lib/job-events";
import type { RunRecord } from "@/lib/runs/run-record";
import { readLinesFrom } from "./events-file";

const BATCH = 500;

/**
 * Makes a dead run's stream whole from events.jsonl: the entries its worker could not send before it died (Redis was
 * down, or the worker was killed with lines still buffered), and the `end` it never wrote. Entries that landed are
 * refused by their ids, so nothing shows twice. Returns how many lines the file holds for the run.
 */
export async function mendRunStream(
  redis: Redis,
  jobId: string,
  run: Pick<RunRecord, "idBase" | "eventsOffset">,
  eventsPath: string,
  fence: string,
): Promise<number> {
  const lines = await readLinesFrom(eventsPath, run.eventsOffset);
  const entries: NumberedEntry[] = lines.map((value, seq) => ({
    id: `${run.idBase}-${seq}`,
    field: "line",
    value,
  }));
  entries.push({ id: `${run.idBase}-${lines.length}`, field: "end", value: String(run.eventsOffset) });
  for (let start = 0; start < entries.length; start += BATCH)
    await appendJobEntries(redis, jobId, entries.slice(start, start + BATCH), fence);
  return lines.length;
}
