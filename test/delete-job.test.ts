import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCancellations } from "@/lib/cancellations";
import { jobEventsKey } from "@/lib/job-events";
import { jobPaths } from "@/lib/job-paths";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { deleteJob } from "@/lib/jobs/delete-job";
import { followUpJob } from "@/lib/jobs/follow-up-job";
import { listJobs } from "@/lib/jobs/list-jobs";
import { getJobQueue, getQueueRedis } from "@/lib/queue";
import { onJobChange } from "@/lib/queue-events";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-delete-"));
process.env.DATA_DIR = dataDir;
const worker = workerDuringTests({ DATA_DIR: dataDir, KILL_GRACE_SECONDS: "1" });

const waitFor = (id: string, states: string[]) =>
  waitForState(id, states, { context: () => worker.output() });

/** Everything a job leaves behind: its queue record, its log stream, its cancel record and its folder. */
async function traces(id: string) {
  const redis = getQueueRedis();
  return {
    queued: (await getJobQueue().getJob(id)) !== undefined,
    stream: (await redis.exists(jobEventsKey(id))) === 1,
    cancelRecord: (await readCancellations(redis, [id])).has(id),
    folder: existsSync(jobPaths(dataDir, id).dir),
    listed: (await listJobs({ q: "" }, 10_000)).jobs.some((job) => job.id === id),
  };
}

describe("deleteJob", () => {
  it("removes a finished job's record, log stream and folder, and tells open dashboards", async () => {
    const { id } = await submit({ prompt: "file:notes.txt" });
    await waitFor(id, ["completed"]);
    expect(await traces(id)).toMatchObject({ queued: true, stream: true, folder: true, listed: true });

    const changes: string[] = [];
    const stop = onJobChange((change) => {
      if (change.jobId === id) changes.push(change.event);
    });
    expect(await deleteJob(id)).toEqual({ ok: true });
    expect(await traces(id)).toEqual({
      queued: false,
      stream: false,
      cancelRecord: false,
      folder: false,
      listed: false,
    });
    expect(readdirSync(path.join(dataDir, "trash"))).toEqual([]);
    await waitUntil("the deletion is announced", () => changes.includes("deleted"));
    stop();
    expect(await deleteJob(id)).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses a running job and leaves it whole", async () => {
    const { id } = await submit({ prompt: "scenario:hang" });
    await waitFor(id, ["active"]);
    await waitForCliStart(dataDir, id);
    await waitUntil("its log reaches Redis", async () => (await traces(id)).stream);
    const result = await deleteJob(id);
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(!result.ok && result.error).toMatch(/cancel it first/);
    expect(await traces(id)).toMatchObject({ queued: true, stream: true, folder: true });
    await cancelJob(id);
    await waitFor(id, ["failed"]);
    expect(await deleteJob(id)).toEqual({ ok: true });
    expect(await traces(id)).toMatchObject({ queued: false, cancelRecord: false, folder: false });
  });

  it("deletes a job cancelled before it ran, which only its record holds", async () => {
    const { id } = await submit({ prompt: "file:later.txt", delaySeconds: 600 });
    await cancelJob(id);
    expect(await traces(id)).toMatchObject({ queued: false, cancelRecord: true, listed: true });
    expect(await deleteJob(id)).toEqual({ ok: true });
    expect(await traces(id)).toMatchObject({ cancelRecord: false, listed: false });
  });

  it("keeps a job whose follow-ups run in its folder until they are deleted", async () => {
    const parent = await submit({ prompt: "file:base.txt" });
    await waitFor(parent.id, ["completed"]);
    const child = await followUpJob(parent.id, "file:more.txt");
    if (!child.ok) throw new Error(JSON.stringify(child));
    await waitFor(child.id, ["completed"]);

    const refused = await deleteJob(parent.id);
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(refused).toMatchObject({ followUps: [child.id] });
    expect(await traces(parent.id)).toMatchObject({ queued: true, folder: true });

    expect(await deleteJob(child.id)).toEqual({ ok: true });
    expect(await deleteJob(parent.id)).toEqual({ ok: true });
    expect(await traces(parent.id)).toMatchObject({ queued: false, folder: false });
  });
});
