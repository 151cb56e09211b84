import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import { closeJobQueue, getJobQueue, getQueueRedis } from "@/lib/queue";
import { readWorkerStatuses } from "@/lib/worker-status";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { cliStarts } from "./support/runs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

// A real small filesystem for DATA_DIR: mounting needs root, which this suite has (here and in CI).
if (process.getuid?.() !== 0) throw new Error("test/data-dir-faults.test.ts mounts a tmpfs: run it as root");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-small-disk-"));
execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", dataDir]);
process.env.DATA_DIR = dataDir;
let worker: WorkerProcess;

beforeAll(async () => {
  worker = startWorker({
    DATA_DIR: dataDir,
    WORKER_CONCURRENCY: "2",
    DATA_DIR_MIN_FREE_MB: "16",
    DATA_DIR_RESERVE_MB: "8",
  });
  await worker.waitForOutput("worker: ready");
});
afterAll(async () => {
  worker.process.kill("SIGTERM");
  await worker.exited;
  await closeJobQueue();
  execFileSync("umount", [dataDir]);
  rmSync(dataDir, { recursive: true, force: true });
});

const context = () => worker.output();
const dataDirProblem = async () =>
  (await readWorkerStatuses(getQueueRedis())).find((status) => status.pid === worker.process.pid)?.dataDir
    ?.problem ?? null;

describe("a data directory that fills up", () => {
  it("fails the job that filled it as disk-full, lets the job beside it complete, and keeps the worker up", async () => {
    const beside = await submit({ prompt: "scenario:slow turns:8 file:beside.txt" });
    await waitForState(beside.id, ["active"], { context });
    const flood = await submit({ prompt: "scenario:flood events:2000000" });

    const failed = await waitForState(flood.id, ["failed"], { timeoutMs: 60_000, context });
    expect(failed.attemptsStarted).toBe(1);
    expect(failed.failedReason).toContain("The data directory is full");
    const result = JSON.parse(readFileSync(jobPaths(dataDir, flood.id).result, "utf8"));
    expect(result.diagnosis).toMatchObject({ code: "disk-full" });
    expect(result.diagnosis.cause).toContain(jobPaths(dataDir, flood.id).events);
    expect(result.diagnosis.fix).toContain("Free space");

    const done = await waitForState(beside.id, ["completed"], { timeoutMs: 30_000, context });
    expect(done.returnvalue.outcome).toBe("completed");
    expect(existsSync(path.join(jobPaths(dataDir, beside.id).workspace, "beside.txt"))).toBe(true);
    expect(worker.process.exitCode).toBeNull();
  });

  it("takes no job while the disk is below its threshold, says why, and resumes once space is freed", async () => {
    await waitUntil("the worker reports the full disk", async () => (await dataDirProblem()) !== null);
    expect((await dataDirProblem())?.title).toMatch(/has \d+ MB free, below the 16 MB a worker needs/);
    const waiting = await submit({ prompt: "file:after-cleanup.txt" });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await getJobQueue().getJobState(waiting.id)).toBe("waiting");
    expect(existsSync(jobPaths(dataDir, waiting.id).dir)).toBe(false);

    const [flooded] = (await getJobQueue().getJobs(["failed"])).map((job) => job.id as string);
    rmSync(jobPaths(dataDir, flooded as string).events);
    await waitForState(waiting.id, ["completed"], { timeoutMs: 20_000, context });
    expect(await dataDirProblem()).toBeNull();
  });
});

describe("a data directory remounted read-only", () => {
  it("takes no job and says why, and runs the waiting job once it is writable again", async () => {
    execFileSync("mount", ["-o", "remount,ro", dataDir]);
    try {
      await waitUntil("the worker reports the read-only disk", async () => (await dataDirProblem()) !== null);
      expect((await dataDirProblem())?.title).toContain("cannot be written (EROFS: mounted read-only)");
      const waiting = await submit({ prompt: "file:after-remount.txt" });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await getJobQueue().getJobState(waiting.id)).toBe("waiting");
      execFileSync("mount", ["-o", "remount,rw", dataDir]);
      const job = await waitForState(waiting.id, ["completed"], { timeoutMs: 20_000, context });
      // A fetch already under way when the worker paused may hand it the job: it gives it back unrun.
      expect(job.returnvalue).toMatchObject({ outcome: "completed", attempt: 1 });
      expect(cliStarts(dataDir, waiting.id)).toBe(1);
    } finally {
      execFileSync("mount", ["-o", "remount,rw", dataDir]);
    }
  });
});
