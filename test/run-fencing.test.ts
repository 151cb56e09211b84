import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { closeJobQueue, getJobQueue, getQueueRedis, KEY_PREFIX, QUEUE_NAME } from "@/lib/queue";
import { readRunRecord, runRecordKey } from "@/lib/runs/run-record";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { cliStarts, fileLog, resultFiles, streamedLog } from "./support/runs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-fencing-"));
process.env.DATA_DIR = dataDir;
let worker: WorkerProcess | undefined;

afterEach(async () => {
  worker?.process.kill("SIGTERM");
  await worker?.exited;
  await closeJobQueue();
});

/**
 * What BullMQ's stalled check does to a job whose lock expired in an outage while its run went on: back to wait, for
 * any worker to take. Done here through BullMQ's own call, with the token the lock holds.
 */
async function handOverAgain(id: string): Promise<void> {
  const token = await getQueueRedis().get(`${KEY_PREFIX}:${QUEUE_NAME}:${id}:lock`);
  expect(token).toBeTruthy();
  const job = await getJobQueue().getJob(id);
  await job?.moveToWait(token ?? undefined);
}

describe.each([
  ["a free slot", "2"],
  ["no free slot", "1"],
])("a job handed over again while its run goes on, with %s", (_, concurrency) => {
  it("runs once, and ends with that run's result", async () => {
    worker = startWorker({ DATA_DIR: dataDir, WORKER_CONCURRENCY: concurrency });
    await worker.waitForOutput("worker: ready");
    const { id } = await submit({ prompt: "scenario:slow turns:4 file:once.txt" });
    await waitForCliStart(dataDir, id);
    await handOverAgain(id);
    // With a free slot the worker takes it at once (and waits for its own run); without, once the run is over.
    const job = await waitForState(id, ["completed", "failed"], { context: () => worker?.output() ?? "" });

    expect(job.returnvalue).toMatchObject({ outcome: "completed", attempt: 1 });
    expect(job.attemptsStarted).toBe(2);
    expect(cliStarts(dataDir, id)).toBe(1);
    expect(resultFiles(dataDir, id)).toEqual(["result.json"]);
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "once.txt"))).toBe(true);
    expect(await streamedLog(id)).toEqual({ lines: fileLog(dataDir, id), ends: 1 });
    expect(await readRunRecord(getQueueRedis(), id)).toMatchObject({ number: 1, state: "finished" });
    // Once BullMQ has applied the result and result.json holds it, the record keeps only what a next run needs.
    const recordFields = async () => Object.keys(await getQueueRedis().hgetall(runRecordKey(id))).sort();
    await waitUntil("the run record has dropped its copy of the result", async () =>
      (await recordFields()).every((field) => field !== "result"),
    );
    expect(await recordFields()).toEqual(
      ["attemptsMade", "crashes", "eventsOffset", "fence", "idBase", "number", "state", "worker"].sort(),
    );
  });
});

/** The turn of each file the fake CLI wrote, in the order of the log's lines. */
const turns = (lines: string[]) =>
  lines
    .filter((line) => line.includes('"name":"Write"'))
    .map((line) => Number(/\(turn (\d+)\)/.exec(line)?.[1]));

describe("a worker frozen longer than its lock (SIGSTOP)", () => {
  it("loses the job to another worker, which stops the frozen one's CLI first; woken, it writes nothing more", async () => {
    const env = { DATA_DIR: dataDir, LOCK_SECONDS: "2", KILL_GRACE_SECONDS: "1" };
    const frozen = startWorker(env);
    worker = frozen;
    await frozen.waitForOutput("worker: ready");
    const { id } = await submit({ prompt: "scenario:slow turns:30 file:frozen.txt" });
    await waitForCliStart(dataDir, id);
    const other = startWorker(env);
    try {
      await other.waitForOutput("worker: ready");
      frozen.process.kill("SIGSTOP");
      await waitUntil("the other worker has run the job again", () => cliStarts(dataDir, id) === 2, 40_000);
      const record = await readRunRecord(getQueueRedis(), id);
      expect(record).toMatchObject({ number: 2, crashes: 1, state: "running" });
      frozen.process.kill("SIGCONT");
      await frozen.waitForOutput("another run of it took over", 20_000);
      // What its CLI printed while it was frozen reached neither the file nor the stream: the file holds the first
      // run's turns up to the freeze, then only the second run's, each counted from 1 without a gap.
      await waitUntil("the second run is at turn 3", () => turns(fileLog(dataDir, id)).length >= 5, 20_000);
      const streamed = (await streamedLog(id)).lines;
      const lines = fileLog(dataDir, id);
      // Each run's lines start with the worker's note of its isolation, then the CLI's init.
      const second = lines.findIndex((line, index) => index > 0 && line.includes('"subtype":"isolation"'));
      for (const run of [lines.slice(0, second), lines.slice(second)]) {
        const numbers = turns(run);
        expect(numbers.length).toBeGreaterThan(0);
        expect(numbers).toEqual(numbers.map((_, index) => index + 1));
      }
      expect(streamed).toEqual(lines.slice(0, streamed.length));
      await cancelJob(id);
      await waitForState(id, ["failed"], { context: () => other.output() });
    } finally {
      frozen.process.kill("SIGCONT");
      other.process.kill("SIGTERM");
      await other.exited;
    }
  });
});
