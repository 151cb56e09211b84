import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordCancellation } from "@/lib/cancellations";
import { jobPaths } from "@/lib/job-paths";
import { jobResultSchema } from "@/lib/job-result";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { getJobDetail } from "@/lib/jobs/get-job";
import { listJobs } from "@/lib/jobs/list-jobs";
import { retryJob } from "@/lib/jobs/retry-job";
import { getJobQueue, getQueueRedis } from "@/lib/queue";
import { findProcessesWithEnv } from "@/worker/process-tree";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-cancel-"));
process.env.DATA_DIR = dataDir;
const worker = workerDuringTests({ DATA_DIR: dataDir, KILL_GRACE_SECONDS: "1", WORKER_CONCURRENCY: "2" });

const stateOf = async (id: string) => (await getJobDetail(id))?.state;
const waitFor = (id: string, states: string[]) =>
  waitForState(id, states, { context: () => worker.output() });

/** A job whose CLI has started and prints nothing more. */
async function activeHangingJob(): Promise<string> {
  const { id } = await submit({ prompt: "scenario:hang" });
  await waitFor(id, ["active"]);
  await waitForCliStart(dataDir, id);
  return id;
}

describe("cancel", () => {
  it("removes a delayed job from the queue at once and records it cancelled", async () => {
    const { id } = await submit({ prompt: "file:never.txt", delaySeconds: 60, title: "Not today" });
    expect(await stateOf(id)).toBe("delayed");
    expect(await cancelJob(id)).toEqual({ ok: true, state: "cancelled" });

    expect(await getJobQueue().getJob(id)).toBeUndefined();
    expect(await getJobDetail(id)).toMatchObject({
      state: "cancelled",
      label: "Not today",
      spec: { prompt: "file:never.txt" },
    });
    expect((await listJobs()).jobs.find((job) => job.id === id)?.state).toBe("cancelled");
    expect(await cancelJob(id)).toEqual({ ok: false, status: 409, error: "The job is already cancelled." });
  });

  it("stops an active job from another process: cancelled, not retried, nothing left running", async () => {
    const id = await activeHangingJob();
    expect(await findProcessesWithEnv("CCW_JOB_ID", id)).not.toEqual([]);

    expect(await cancelJob(id)).toEqual({ ok: true, state: "cancelling" });
    const job = await waitFor(id, ["failed"]);
    expect(await stateOf(id)).toBe("cancelled");
    expect(job.failedReason).toBe("The job was cancelled by a user before it finished.");
    expect(job.opts.attempts).toBe(3);
    expect(job.attemptsMade).toBe(1);
    const result = jobResultSchema.parse(JSON.parse(readFileSync(jobPaths(dataDir, id).result, "utf8")));
    expect(result).toMatchObject({ outcome: "cancelled", diagnosis: { code: "cancelled" } });
    expect(await findProcessesWithEnv("CCW_JOB_ID", id)).toEqual([]);
  });

  it("is honoured by a worker that missed the message, from the record", async () => {
    const id = await activeHangingJob();
    // Recorded, never announced: as if the worker was reconnecting when the message went out.
    await recordCancellation(getQueueRedis(), id, { cancelledAt: Date.now() });
    await waitFor(id, ["failed"]);
    expect(await stateOf(id)).toBe("cancelled");
    expect(await findProcessesWithEnv("CCW_JOB_ID", id)).toEqual([]);
  });

  it("refuses to cancel a finished job, saying why", async () => {
    const { id } = await submit({ prompt: "file:done.txt" });
    await waitFor(id, ["completed"]);
    expect(await cancelJob(id)).toEqual({
      ok: false,
      status: 409,
      error: "The job has completed: there is nothing left to cancel.",
    });
    expect(await stateOf(id)).toBe("completed");
  });

  it("says there is no such job", async () => {
    expect(await cancelJob("0000000000000000")).toMatchObject({ ok: false, status: 404 });
  });
});

describe("the failures a person has not seen", () => {
  it("counts the jobs that failed after a time, not the ones cancelled while they ran", async () => {
    const before = await submit({ prompt: "scenario:fail", attempts: 1 });
    await waitFor(before.id, ["failed"]);
    const since = Date.now();
    const failed = await submit({ prompt: "scenario:fail", attempts: 1 });
    const cancelled = await activeHangingJob();
    await cancelJob(cancelled);
    await Promise.all([waitFor(failed.id, ["failed"]), waitFor(cancelled, ["failed"])]);

    expect((await listJobs({ failedSince: since })).newFailures).toBe(1);
    // Whatever the tab and the search show.
    const elsewhere = await listJobs({ failedSince: since, tab: "completed", q: "nothing like it" });
    expect(elsewhere.newFailures).toBe(1);
    expect((await listJobs({ failedSince: Date.now() })).newFailures).toBe(0);
    expect((await listJobs()).newFailures).toBe(0);
  });
});

describe("retry", () => {
  it("runs a failed job again as the same job, keeping the earlier attempt's log and result", async () => {
    const { id } = await submit({ prompt: "scenario:fail", attempts: 1 });
    await waitFor(id, ["failed"]);
    expect(await retryJob(id)).toEqual({ ok: true });
    await waitUntil(
      "the second attempt has ended",
      async () => (await getJobQueue().getJob(id))?.attemptsStarted === 2 && (await stateOf(id)) === "failed",
    );
    const paths = jobPaths(dataDir, id);
    expect(readFileSync(paths.events, "utf8").match(/"subtype":"init"/g)).toHaveLength(2);
    expect(existsSync(paths.result.replace(".json", ".attempt-1.json"))).toBe(true);
  });

  it("runs a job cancelled while it ran again, no longer cancelled", async () => {
    const id = await activeHangingJob();
    await cancelJob(id);
    await waitUntil("it is cancelled", async () => (await stateOf(id)) === "cancelled");
    expect(await retryJob(id)).toEqual({ ok: true });
    await waitFor(id, ["active"]);
    expect(await stateOf(id)).toBe("active");
    await cancelJob(id);
    await waitUntil("it is cancelled again", async () => (await stateOf(id)) === "cancelled");
  });

  it("puts a job cancelled before it ran back in the queue under its own id", async () => {
    const { id } = await submit({ prompt: "file:second-chance.txt", delaySeconds: 60 });
    await cancelJob(id);
    expect(await retryJob(id)).toEqual({ ok: true });
    await waitFor(id, ["completed"]);
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "second-chance.txt"))).toBe(true);
  });

  it("refuses a job that did not fail, saying why", async () => {
    const { id } = await submit({ prompt: "file:fine.txt" });
    await waitFor(id, ["completed"]);
    expect(await retryJob(id)).toEqual({
      ok: false,
      status: 409,
      error: "Only a failed or cancelled job can be retried; this one is completed.",
    });
  });
});
