import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newJobId } from "@/lib/job-id";
import { jobSpecSchema } from "@/lib/job-spec";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { jobOptions } from "@/lib/jobs/submit-job";
import { closeJobQueue, getJobQueue, JOB_NAME, type JobData, KEY_PREFIX, QUEUE_NAME } from "@/lib/queue";
import { type RunningRedis, startRedisServer } from "../scripts/lib/redis-server";
import { JOB_MARKER } from "../worker/process-markers";
import { findProcessesWithEnv } from "../worker/process-tree";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { cliStarts } from "./support/runs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

// Installation A is this file's Redis and DATA_DIR; installation B has a Redis and a DATA_DIR of its own, on the
// same host. A lock of 3 s makes a dead worker's heartbeat expire in 3 s, confirmed after 5 s more.
const dataDirA = mkdtempSync(path.join(os.tmpdir(), "ccw-orphans-a-"));
const dataDirB = mkdtempSync(path.join(os.tmpdir(), "ccw-orphans-b-"));
process.env.DATA_DIR = dataDirA;
const env = { LOCK_SECONDS: "3", KILL_GRACE_SECONDS: "1" };
/** Long enough for a dead worker's heartbeat to expire, be confirmed, and for two sweeps (every 5 s) to pass. */
const SWEEPS_MS = 15_000;

let redisB: RunningRedis;
let queueB: Queue<JobData>;
const workers: WorkerProcess[] = [];
const contained = new Set<WorkerProcess>();
const start = (workerEnv: Record<string, string>, wrap?: (commandLine: string) => string[]) => {
  const worker = startWorker({ ...env, ...workerEnv }, wrap);
  workers.push(worker);
  if (wrap) contained.add(worker);
  return worker;
};
const output = () => workers.map((worker) => worker.output()).join("\n---\n");
const cliProcesses = (jobId: string) => findProcessesWithEnv(JOB_MARKER, jobId);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  redisB = await startRedisServer({ dir: path.join(dataDirB, "redis") });
  queueB = new Queue<JobData>(QUEUE_NAME, { connection: new Redis(redisB.url), prefix: KEY_PREFIX });
});
afterAll(async () => {
  // unshare passes no SIGTERM on: SIGKILL ends it, and its namespace with it.
  for (const worker of workers) worker.process.kill(contained.has(worker) ? "SIGKILL" : "SIGTERM");
  await Promise.all(workers.map((worker) => worker.exited));
  await queueB.close();
  await redisB.stop();
  await closeJobQueue();
});

describe("two installations on one host", () => {
  it("a worker of one never touches the other's job processes, even those of its dead worker", async () => {
    const workerA = start({ DATA_DIR: dataDirA });
    const workerB = start({ DATA_DIR: dataDirB, REDIS_URL: redisB.url });
    await Promise.all([workerA.waitForOutput("worker: ready"), workerB.waitForOutput("worker: ready")]);
    const jobA = await submit({ prompt: "scenario:hang" });
    const spec = jobSpecSchema.parse({ prompt: "scenario:slow turns:40" });
    const jobB = (await queueB.add(JOB_NAME, spec, { ...jobOptions(spec), jobId: newJobId() })).id as string;
    await Promise.all([waitForCliStart(dataDirA, jobA.id), waitForCliStart(dataDirB, jobB)]);
    const [orphan] = await cliProcesses(jobA.id);
    const processesB = await cliProcesses(jobB);
    expect(orphan).toBeDefined();
    expect(processesB.length).toBeGreaterThan(0);

    workerA.process.kill("SIGKILL");
    await workerA.exited;
    await new Promise((resolve) => setTimeout(resolve, SWEEPS_MS));
    // B's worker saw A's processes of a dead worker, and left them: they are A's to clear.
    expect(alive(orphan as number)).toBe(true);
    expect(processesB.every(alive)).toBe(true);

    // A's next worker clears them, and runs the job again.
    start({ DATA_DIR: dataDirA });
    await waitUntil("A's orphan is gone", () => !alive(orphan as number), SWEEPS_MS * 2);
    await waitUntil("the job runs again", () => cliStarts(dataDirA, jobA.id) === 2, SWEEPS_MS * 2);
    expect(processesB.every(alive)).toBe(true);
    expect(await queueB.getJobState(jobB)).toBe("active");

    await cancelJob(jobA.id);
    await waitForState(jobA.id, ["failed"], { context: output });
    workerB.process.kill("SIGTERM");
    await workerB.exited;
  });
});

describe("a worker in another PID namespace", () => {
  it("keeps its job's processes, whose pids mean nothing on the host, while it lives", async () => {
    for (const worker of workers) worker.process.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exited));
    // In the namespace the worker is pid 30001, a pid the host does not have.
    const inside = start({ DATA_DIR: dataDirA }, (commandLine) => [
      "unshare",
      "--pid",
      "--fork",
      "--mount-proc",
      "--kill-child",
      "sh",
      "-c",
      `echo 30000 > /proc/sys/kernel/ns_last_pid && ${commandLine}`,
    ]);
    await inside.waitForOutput("worker: ready");
    const { id } = await submit({ prompt: "scenario:slow turns:25 file:contained.txt" });
    await waitForCliStart(dataDirA, id);
    const cli = await cliProcesses(id);

    const host = start({ DATA_DIR: dataDirA });
    await host.waitForOutput("worker: ready");
    await new Promise((resolve) => setTimeout(resolve, SWEEPS_MS));
    expect(cli.every(alive)).toBe(true);
    const job = await waitForState(id, ["completed", "failed"], { context: output });
    expect(job.returnvalue).toMatchObject({ outcome: "completed", attempt: 1 });
    expect(cliStarts(dataDirA, id)).toBe(1);
    expect(host.output()).not.toContain("killed");
    expect(await getJobQueue().getJobCounts("active", "waiting")).toEqual({ active: 0, waiting: 0 });
  });
});
