import { readFile } from "node:fs/promises";
import { z } from "zod";
import { isAfterStreamId, type JobStreamEntry, streamIdParts } from "../job-events";
import { readFileLines } from "./file-lines";

/** A run's lines of events.jsonl are marked every this many, so a reader resuming deep in a run seeks, not scans. */
export const MARK_EVERY = 4096;

const whole = z.number().int().nonnegative();

const archivedRunSchema = z.object({
  /** The run's stream ids are `<idBase>-<seq>`. */
  idBase: whole,
  /** The seq of its first line kept (a stream trimmed by its length cap starts after 0), at byte `offset`. */
  first: whole,
  offset: whole,
  lines: whole,
  /** The byte after its last line. */
  to: whole,
  /** Whether its stream had its `end`: the entry after its last line. */
  ended: z.boolean(),
  /** [seq, byte] of every MARK_EVERY-th line after the first. */
  marks: z.array(z.tuple([whole, whole])),
});

export type ArchivedRun = z.output<typeof archivedRunSchema>;

/**
 * A job's log once its stream has left Redis: each run's place in events.jsonl. The file already holds every line the
 * stream held, so the index is all that is written; read with it, the log is the stream it was, entry for entry.
 */
export const logIndexSchema = z.object({
  version: z.literal(1),
  runs: z.array(archivedRunSchema),
  /** The id of the last entry archived: the stream holds only what comes after it. */
  last: z.string().regex(/^\d+-\d+$/),
});

export type LogIndex = z.output<typeof logIndexSchema>;

/** The job's log index, or undefined when its log has not left Redis. */
export async function readLogIndex(file: string): Promise<LogIndex | undefined> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const parsed = logIndexSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a log index: ${parsed.error.message}`);
  return parsed.data;
}

/** The id of a run's last entry: its `end`, else its last line; undefined for a run with neither. */
export function lastIdOf(run: ArchivedRun): string | undefined {
  if (run.ended) return `${run.idBase}-${run.first + run.lines}`;
  return run.lines > 0 ? `${run.idBase}-${run.first + run.lines - 1}` : undefined;
}

/** The archived entries after `cursor`, read from events.jsonl in batches of up to `batch`, in order. */
export async function* archivedEntriesAfter(
  eventsFile: string,
  index: LogIndex,
  cursor: string,
  batch: number,
): AsyncGenerator<JobStreamEntry[]> {
  let entries: JobStreamEntry[] = [];
  const [cursorMs, cursorSeq] = streamIdParts(cursor);
  for (const run of index.runs) {
    const last = lastIdOf(run);
    if (!last || !isAfterStreamId(last, cursor)) continue;
    const from = cursorMs === run.idBase ? Math.max(run.first, cursorSeq + 1) : run.first;
    const end = run.first + run.lines;
    if (from < end) {
      let [seq, byte] = [run.first, run.offset];
      for (const [markSeq, markByte] of run.marks) if (markSeq <= from) [seq, byte] = [markSeq, markByte];
      for await (const line of readFileLines(eventsFile, byte)) {
        if (seq >= from) {
          entries.push({ cursor: `${run.idBase}-${seq}`, kind: "line", line: line.text });
          if (entries.length >= batch) {
            yield entries;
            entries = [];
          }
        }
        if (++seq >= end) break;
      }
    }
    if (run.ended) entries.push({ cursor: `${run.idBase}-${end}`, kind: "end" });
  }
  if (entries.length > 0) yield entries;
}
