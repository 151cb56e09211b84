import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { followJobEvents } from "@/lib/job-event-hub";
import { appendJobEntries, type JobStreamEntry, jobEventsKey, type NumberedEntry } from "@/lib/job-events";
import { newJobId } from "@/lib/job-id";
import { jobPaths } from "@/lib/job-paths";
import { archiveJobLog } from "@/lib/logs/archive-job-log";
import { readLogIndex } from "@/lib/logs/archived-log";
import { replayJobLog } from "@/lib/logs/replay-job-log";
import { createRedisConnection } from "@/lib/redis";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { fileLog } from "./support/runs";
import { startWorker } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-log-archive-test-"));
process.env.DATA_DIR = dataDir;
const redis = createRedisConnection({ name: "test-log-archive", failFast: true });

afterAll(() => {
  redis.disconnect();
});

/** A job whose runs the test writes as the worker does: each line to events.jsonl and to the stream. */
function jobLog() {
  const id = newJobId();
  const paths = jobPaths(dataDir, id);
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(paths.events, "");
  return {
    id,
    paths,
    /** One run of `lines` lines, numbered from `idBase`; `end` is what its end entry holds (or none). */
    async run(
      idBase: number,
      lines: string[],
      options: { end?: "offset" | "legacy" | false; streamFrom?: number } = {},
    ) {
      const offset = readFileSync(paths.events).length;
      appendFileSync(paths.events, lines.map((line) => `${line}\n`).join(""));
      const entries: NumberedEntry[] = lines
        .map((value, seq) => ({ id: `${idBase}-${seq}`, field: "line" as const, value }))
        .slice(options.streamFrom ?? 0);
      const end = options.end ?? "offset";
      if (end)
        entries.push({
          id: `${idBase}-${lines.length}`,
          field: "end",
          value: end === "legacy" ? "1" : String(offset),
        });
      for (let start = 0; start < entries.length; start += 500)
        await appendJobEntries(redis, id, entries.slice(start, start + 500));
    },
  };
}

/** The log as the log view reads it, from `cursor`: every entry until nothing more comes for a moment. */
async function read(id: string, cursor = "0"): Promise<JobStreamEntry[]> {
  const seen: JobStreamEntry[] = [];
  const stop = await followJobEvents(
    redis,
    id,
    cursor,
    async (entries) => {
      seen.push(...entries);
    },
    { batch: 7, dataDir },
  );
  stop();
  return seen;
}

const lines = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, n) => JSON.stringify({ type: "assistant", text: `${prefix} ${n} ✓` }));

describe("a finished job's log moved out of Redis", () => {
  it("leaves the stream empty, and reads the same from every cursor", async () => {
    const job = jobLog();
    await job.run(1000, lines("first", 20));
    await job.run(2000, lines("second", 15));
    const before = await read(job.id);
    expect(before).toHaveLength(37);

    expect(await archiveJobLog(redis, dataDir, job.id)).toEqual({ archived: 2, left: 0 });
    expect(await redis.exists(jobEventsKey(job.id))).toBe(0);
    expect((await readLogIndex(job.paths.logIndex))?.runs.map((run) => run.lines)).toEqual([20, 15]);

    expect(await read(job.id)).toEqual(before);
    for (const at of [0, 6, 19, 20, 21, 35])
      expect(await read(job.id, before[at]?.cursor)).toEqual(before.slice(at + 1));
    expect(await read(job.id, before.at(-1)?.cursor)).toEqual([]);
    // Nothing left to move: a second pass changes nothing.
    expect(await archiveJobLog(redis, dataDir, job.id)).toEqual({ archived: 0, left: 0, nothing: true });
  });

  it("keeps in Redis a run that events.jsonl does not hold as the stream does, and every run after it", async () => {
    const job = jobLog();
    await job.run(1000, lines("kept", 5));
    await job.run(2000, lines("edited", 5));
    await job.run(3000, lines("after", 5));
    const before = await read(job.id);
    writeFileSync(job.paths.events, readFileSync(job.paths.events, "utf8").replace("edited 2", "EDITED 2"));

    const outcome = await archiveJobLog(redis, dataDir, job.id);
    expect(outcome).toMatchObject({ archived: 1, left: 2 });
    expect("problem" in outcome && outcome.problem).toMatch(
      /run 2000's 5 line\(s\) are not in .*events\.jsonl/,
    );
    // The first run is archived; the stream keeps the edited run and the one after it, 12 entries.
    expect(await redis.xlen(jobEventsKey(job.id))).toBe(12);
    expect(await read(job.id)).toEqual(before);
  });

  it("keeps a run that comes after the move in the stream, and moves it with the rest the next time", async () => {
    const job = jobLog();
    await job.run(1000, lines("first", 4));
    await archiveJobLog(redis, dataDir, job.id);
    // The job is retried: its next run writes to a stream that no longer exists.
    await job.run(2000, lines("retried", 3));
    const both = await read(job.id);
    expect(both.map((entry) => entry.cursor)).toEqual([
      ...["1000-0", "1000-1", "1000-2", "1000-3", "1000-4"],
      ...["2000-0", "2000-1", "2000-2", "2000-3"],
    ]);
    expect(await archiveJobLog(redis, dataDir, job.id)).toEqual({ archived: 1, left: 0 });
    expect((await readLogIndex(job.paths.logIndex))?.runs).toHaveLength(2);
    expect(await read(job.id)).toEqual(both);
  });

  it("places runs whose end predates the index, a stream cut by its length cap, and a run its worker never ended", async () => {
    const job = jobLog();
    await job.run(1000, lines("legacy", 3), { end: "legacy" });
    // The cap dropped this run's first 4 entries from the stream; the reader of the stream never saw them.
    await job.run(2000, lines("capped", 10), { streamFrom: 4 });
    await job.run(3000, lines("died", 2), { end: false });
    const before = await read(job.id);
    expect(before).toHaveLength(4 + 7 + 2);

    expect(await archiveJobLog(redis, dataDir, job.id)).toEqual({ archived: 3, left: 0 });
    expect(await read(job.id)).toEqual(before);
    expect(await read(job.id, "2000-6")).toEqual(before.slice(4 + 3));
  });

  it("resumes deep in a long run from its nearest mark, not from the run's start", async () => {
    const job = jobLog();
    await job.run(1000, lines("long", 10_000));
    await archiveJobLog(redis, dataDir, job.id);
    const index = await readLogIndex(job.paths.logIndex);
    expect(index?.runs[0]?.marks.map(([seq]) => seq)).toEqual([4096, 8192]);
    // Split the run's first line in two, keeping the file's length: a read that counted lines from the run's start
    // would be one line off; one from the mark does not pass there.
    const text = readFileSync(job.paths.events, "utf8");
    writeFileSync(job.paths.events, `${text.slice(0, 5)}\n${text.slice(6)}`);

    const tail = await read(job.id, "1000-9000");
    expect(tail).toHaveLength(1000);
    expect(tail[0]).toEqual({ cursor: "1000-9001", kind: "line", line: lines("long", 10_000)[9001] });
    expect(tail.at(-1)).toEqual({ cursor: "1000-10000", kind: "end" });
    expect((await read(job.id))[1]).toMatchObject({
      cursor: "1000-1",
      line: text.slice(6, text.indexOf("\n")),
    });
  });

  it("misses nothing for a reader halfway through its replay when the log moves", async () => {
    const job = jobLog();
    await job.run(1000, lines("moving", 30));
    const before = await read(job.id);
    const replay = replayJobLog(redis, dataDir, job.id, "0", 10);
    const seen: JobStreamEntry[] = [...((await replay.next()).value ?? [])];
    expect(seen).toHaveLength(10);
    await archiveJobLog(redis, dataDir, job.id);
    for await (const entries of replay) seen.push(...entries);
    expect(seen).toEqual(before);
  });
});

describe("the worker's sweep", () => {
  it("moves the log of a job the worker ran once the retention window has passed", async () => {
    const worker = startWorker({
      DATA_DIR: dataDir,
      LOG_RETENTION_SECONDS: "0",
      SHUTDOWN_GRACE_SECONDS: "0",
    });
    try {
      await worker.waitForOutput("worker: ready");
      const { id } = await submit({ prompt: "print 3 lines" });
      await waitForState(id, ["completed"], { context: worker.output });
      await waitUntil("its stream has left Redis", async () => (await redis.exists(jobEventsKey(id))) === 0);
      expect(existsSync(jobPaths(dataDir, id).logIndex)).toBe(true);
      const entries = await read(id);
      expect(entries.flatMap((entry) => (entry.kind === "line" ? [entry.line] : []))).toEqual(
        fileLog(dataDir, id),
      );
      expect(entries.at(-1)?.kind).toBe("end");
    } finally {
      worker.process.kill("SIGTERM");
      await worker.exited;
    }
  });
});
