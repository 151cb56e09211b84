import { createHash, type Hash } from "node:crypto";
import type { Redis } from "ioredis";
import { jobEventsKey, streamIdParts } from "../job-events";
import { jobPaths } from "../job-paths";
import { writeFileAtomic } from "../write-file-atomic";
import { type ArchivedRun, type LogIndex, lastIdOf, MARK_EVERY, readLogIndex } from "./archived-log";
import { readFileLines } from "./file-lines";

const PAGE = 1000;

/** One run's entries as the stream holds them, summed up: its lines' digest stands for their text. */
interface StreamRun {
  idBase: number;
  first: number;
  lines: number;
  digest: Hash;
  ended: boolean;
  /** Where its `end` says the run's lines begin in events.jsonl (writers before this index said "1"). */
  startsAt: number | undefined;
  /** Its seqs were not one after another, or entries followed its end: the stream is not the file's copy. */
  gapped: boolean;
}

export type ArchiveOutcome =
  | { archived: number; left: 0 }
  | { archived: number; left: number; problem: string }
  | { archived: 0; left: 0; nothing: true };

const TRIM = `
redis.call("XTRIM", KEYS[1], "MINID", ARGV[1])
if redis.call("XLEN", KEYS[1]) == 0 then redis.call("DEL", KEYS[1]) end
return 1`;

/**
 * Moves a job's log out of Redis: finds each run of its stream in events.jsonl (checked line for line by digest),
 * writes where they are to the job's log index, and only then removes those entries from the stream. Entries that
 * came meanwhile (the job ran again) stay. A run that events.jsonl does not hold as the stream does (the file was
 * edited or lost) stays in Redis, with everything after it, and the outcome says why.
 */
export async function archiveJobLog(redis: Redis, dataDir: string, jobId: string): Promise<ArchiveOutcome> {
  const paths = jobPaths(dataDir, jobId);
  const key = jobEventsKey(jobId);
  const existing = await readLogIndex(paths.logIndex);
  const runs = await readStreamRuns(redis, key, existing?.last);
  if (runs.length === 0) return { archived: 0, left: 0, nothing: true };
  const placed: ArchivedRun[] = [...(existing?.runs ?? [])];
  let problem: string | undefined;
  let archived = 0;
  for (const run of runs) {
    const found = await placeRun(paths.events, run, placed.at(-1));
    if (!found) {
      problem = `run ${run.idBase}'s ${run.lines} line(s) are not in ${paths.events} as its stream holds them`;
      break;
    }
    if (found.idBase === placed.at(-1)?.idBase) placed[placed.length - 1] = found;
    else placed.push(found);
    archived++;
  }
  const last = placed.length > 0 ? lastIdOf(placed[placed.length - 1] as ArchivedRun) : undefined;
  if (archived > 0 && last) {
    const index: LogIndex = { version: 1, runs: placed, last };
    await writeFileAtomic(paths.logIndex, JSON.stringify(index));
    const [ms, seq] = streamIdParts(last);
    await redis.eval(TRIM, 1, key, `${ms}-${seq + 1}`);
  }
  const left = runs.length - archived;
  return problem ? { archived, left, problem } : { archived, left: 0 };
}

/** The stream's runs after `after`, in order, read a page at a time. */
async function readStreamRuns(redis: Redis, key: string, after: string | undefined): Promise<StreamRun[]> {
  const runs: StreamRun[] = [];
  let start = after ? `(${after}` : "-";
  for (;;) {
    const page = await redis.xrange(key, start, "+", "COUNT", PAGE);
    for (const [id, fields] of page) {
      const [idBase, seq] = streamIdParts(id);
      let run = runs.at(-1);
      if (run?.idBase !== idBase) {
        run = {
          idBase,
          first: seq,
          lines: 0,
          digest: createHash("sha1"),
          ended: false,
          startsAt: undefined,
          gapped: false,
        };
        runs.push(run);
      }
      if (run.ended || seq !== run.first + run.lines) run.gapped = true;
      if (fields[0] === "end") {
        run.ended = true;
        const startsAt = Number(fields[1]);
        // An `end` written before the index existed holds "1", which is no place to start at.
        run.startsAt = fields[1] !== "1" && Number.isSafeInteger(startsAt) ? startsAt : undefined;
      } else {
        run.digest.update(fields[1] ?? "").update("\n");
        run.lines++;
      }
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return runs;
    start = `(${last[0]}`;
  }
}

/**
 * Where events.jsonl holds `run`'s lines: after the lines of the run archived before it when it goes on from there,
 * else from where its `end` says it began, else right after the run before it (how the worker writes the file).
 * Undefined when none of these hold exactly its lines.
 */
async function placeRun(
  eventsFile: string,
  run: StreamRun,
  before: ArchivedRun | undefined,
): Promise<ArchivedRun | undefined> {
  if (run.gapped) return undefined;
  const digest = run.digest.digest("hex");
  if (before?.idBase === run.idBase) {
    if (before.ended || before.first + before.lines !== run.first) return undefined;
    const more = await readRunAt(eventsFile, before.to, 0, run.lines, run.first);
    if (more?.digest !== digest) return undefined;
    return {
      ...before,
      lines: before.lines + run.lines,
      to: more.to,
      ended: run.ended,
      marks: [...before.marks, [run.first, before.to], ...more.marks],
    };
  }
  const starts = new Set<number>();
  if (run.startsAt !== undefined) starts.add(run.startsAt);
  starts.add(before?.to ?? 0);
  for (const start of starts) {
    const found = await readRunAt(eventsFile, start, run.first, run.lines, run.first);
    if (found?.digest === digest)
      return {
        idBase: run.idBase,
        first: run.first,
        offset: found.offset,
        lines: run.lines,
        to: found.to,
        ended: run.ended,
        marks: found.marks,
      };
  }
  return undefined;
}

/**
 * Reads `count` lines of events.jsonl from byte `start`, after skipping `skip`; the first read is the run's line
 * `firstSeq`. Undefined when the file ends first.
 */
async function readRunAt(
  eventsFile: string,
  start: number,
  skip: number,
  count: number,
  firstSeq: number,
): Promise<{ digest: string; offset: number; to: number; marks: [number, number][] } | undefined> {
  const digest = createHash("sha1");
  const marks: [number, number][] = [];
  let offset = start;
  let to = start;
  let read = 0;
  let skipped = 0;
  if (count > 0 || skip > 0) {
    try {
      for await (const line of readFileLines(eventsFile, start)) {
        if (skipped < skip) {
          skipped++;
          offset = to = line.next;
          continue;
        }
        if (read > 0 && read % MARK_EVERY === 0) marks.push([firstSeq + read, line.start]);
        digest.update(line.text).update("\n");
        to = line.next;
        if (++read === count) break;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }
  if (skipped < skip || read < count) return undefined;
  return { digest: digest.digest("hex"), offset, to, marks };
}
