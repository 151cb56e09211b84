import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { closeJobQueue } from "@/lib/queue";
import { ProcessTable } from "@/worker/process-table";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-crash-"));
process.env.DATA_DIR = dataDir;
// Short locks, so a dead worker is noticed in seconds rather than a minute.
const env = { DATA_DIR: dataDir, LOCK_SECONDS: "2", SHUTDOWN_GRACE_SECONDS: "0", KILL_GRACE_SECONDS: "1" };
const workers: WorkerProcess[] = [];
const processes = new ProcessTable();

afterAll(async () => {
  for (const worker of workers) {
    worker.process.kill("SIGTERM");
    await worker.exited;
  }
  await closeJobQueue();
});

describe("a worker killed mid-job", () => {
  it("has its job recovered by another worker, and its CLI killed, so the job never runs twice at once", async () => {
    const first = startWorker(env);
    workers.push(first);
    await first.waitForOutput("worker: ready");
    // A CLI that never ends by itself: only the supervisor can end it.
    const { id } = await submit({ prompt: "scenario:hang" });
    const events = jobPaths(dataDir, id).events;
    const runs = () =>
      existsSync(events) ? (readFileSync(events, "utf8").match(/"subtype":"init"/g) ?? []).length : 0;
    await waitUntil("the first worker's CLI has started", () => runs() === 1);
    const [firstRun] = await processes.find({ job: id });
    expect(firstRun).toBeDefined();
    const firstWorker = firstRun?.markers.worker;

    const second = startWorker(env);
    workers.push(second);
    await second.waitForOutput("worker: ready");
    first.process.kill("SIGKILL");
    await first.exited;

    // Its CLI outlived it (it runs in a group of its own); the living worker kills it.
    await waitUntil(
      "the dead worker's CLI is gone",
      async () => (await processes.find({ worker: firstWorker })).length === 0,
    );
    // BullMQ's stalled check gives the job to the living worker, which runs it again: alone.
    await waitUntil("the job runs again", () => runs() === 2, 30_000);
    const job = await waitForState(id, ["active"], { context: () => second.output() });
    expect(job.attemptsStarted).toBe(2);
    const jobProcesses = await processes.find({ job: id });
    expect(jobProcesses.length).toBeGreaterThan(0);
    expect(new Set(jobProcesses.map((found) => found.markers.worker)).size).toBe(1);
    expect(jobProcesses[0]?.markers.worker).not.toBe(firstWorker);

    expect(await cancelJob(id)).toEqual({ ok: true, state: "cancelling" });
    await waitForState(id, ["failed"], { context: () => second.output() });
    // Read afresh: a process the table knew that is now a zombie, dead but not yet reaped by init, is no process.
    expect(await new ProcessTable().find({ job: id })).toEqual([]);
  });
});

describe("a worker asked to stop", () => {
  it("lets a running job finish within its grace, then exits 0", async () => {
    const worker = startWorker({ ...env, SHUTDOWN_GRACE_SECONDS: "20" });
    workers.push(worker);
    await worker.waitForOutput("worker: ready");
    const { id } = await submit({ prompt: "scenario:slow turns:3 file:finished-in-grace.txt" });
    await waitForCliStart(dataDir, id);

    worker.process.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const job = await waitForState(id, ["completed"], { context: () => worker.output() });
    expect(job.attemptsStarted).toBe(1);
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "finished-in-grace.txt"))).toBe(true);
  });
});
