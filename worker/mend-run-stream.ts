import { open } from "node:fs/promises";
import type { Redis } from "ioredis";
import { appendJobEntries, type NumberedEntry } from "@/lib/job-events";
import type { RunRecord } from "@/lib/runs/run-record";

const BATCH = 500;

/**
 * Makes a run's stream whole from events.jsonl: the entries its worker could not send before it died (Redis was
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
  const text = await readFrom(eventsPath, run.eventsOffset);
  // A line cut off by the crash was never a whole event.
  const lines = text
    .slice(0, text.lastIndexOf("\n") + 1)
    .split("\n")
    .slice(0, -1);
  const entries: NumberedEntry[] = lines.map((value, seq) => ({
    id: `${run.idBase}-${seq}`,
    field: "line",
    value,
  }));
  entries.push({ id: `${run.idBase}-${lines.length}`, field: "end", value: "1" });
  for (let start = 0; start < entries.length; start += BATCH)
    await appendJobEntries(redis, jobId, entries.slice(start, start + BATCH), fence);
  return lines.length;
}

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return "";
  try {
    const { size } = await handle.stat();
    if (size <= offset) return "";
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString("utf8");
  } finally {
    await handle.close();
  }
}
