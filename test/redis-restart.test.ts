import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import { closeJobQueue } from "@/lib/queue";
import { type RunningRedis, startRedisServer } from "../scripts/lib/redis-server";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { cliStarts, fileLog, resultFiles, streamedLog } from "./support/runs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

// This file's own Redis, so that restarting it disturbs no other test.
const redisDir = mkdtempSync(path.join(os.tmpdir(), "ccw-restart-redis-"));
let redis: RunningRedis = await startRedisServer({ dir: redisDir });
const port = Number(new URL(redis.url).port);
process.env.REDIS_URL = redis.url;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-restart-"));
process.env.DATA_DIR = dataDir;
let worker: WorkerProcess | undefined;

afterEach(async () => {
  worker?.process.kill("SIGTERM");
  await worker?.exited;
  await closeJobQueue();
});
afterAll(async () => {
  await redis.stop();
});

/** Takes Redis away for `outageMs`, then starts it again where it was, from its append-only file. */
async function outage(how: "stop" | "kill -9", outageMs: number): Promise<void> {
  if (how === "stop") await redis.stop();
  else {
    redis.process.kill("SIGKILL");
    await new Promise((resolve) => redis.process.once("exit", resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, outageMs));
  redis = await startRedisServer({ dir: redisDir, port });
}

async function expectOneCompletedRun(id: string, file: string): Promise<void> {
  const job = await waitForState(id, ["completed", "failed"], {
    timeoutMs: 60_000,
    context: () => worker?.output() ?? "",
  });
  expect(job.returnvalue).toMatchObject({ outcome: "completed", attempt: 1 });
  expect(cliStarts(dataDir, id)).toBe(1);
  expect(resultFiles(dataDir, id)).toEqual(["result.json"]);
  expect(existsSync(path.join(jobPaths(dataDir, id).workspace, file))).toBe(true);
  // Lines printed while Redis was down reached the stream once it was back, in order, once each; so did the
  // ones a killed Redis had taken and then lost with its last unsynced second.
  expect(await streamedLog(id)).toEqual({ lines: fileLog(dataDir, id), ends: 1 });
}

describe("Redis restarted while a job runs", () => {
  it("the worker reconnects and the job completes once, with none of its events lost", async () => {
    worker = startWorker({ DATA_DIR: dataDir, REDIS_URL: redis.url });
    await worker.waitForOutput("worker: ready");
    const { id } = await submit({ prompt: "scenario:slow turns:6 file:through-the-outage.txt" });
    await waitForCliStart(dataDir, id);
    await waitUntil("the CLI is at work", () =>
      fileLog(dataDir, id).some((line) => line.includes("tool_use")),
    );
    await outage("stop", 1500);
    await expectOneCompletedRun(id, "through-the-outage.txt");
  });

  // Longer than the lock: BullMQ's lock and the worker's heartbeat expire meanwhile, and BullMQ's stalled check would
  // hand the job to a second run beside the first.
  describe.each([
    ["a free slot", "2"],
    ["no free slot", "1"],
  ])("killed (-9) for longer than LOCK_SECONDS, with %s", (_, concurrency) => {
    it("runs the job once, to completion, with its whole log", async () => {
      worker = startWorker({
        DATA_DIR: dataDir,
        REDIS_URL: redis.url,
        LOCK_SECONDS: "3",
        WORKER_CONCURRENCY: concurrency,
      });
      await worker.waitForOutput("worker: ready");
      const { id } = await submit({ prompt: "scenario:slow turns:16 file:long-outage.txt" });
      await waitForCliStart(dataDir, id);
      // Past Redis's next sync of its append-only file, so the job is known to be active when it comes back.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await outage("kill -9", 9000);
      await expectOneCompletedRun(id, "long-outage.txt");
    });
  });
});
