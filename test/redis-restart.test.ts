import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJobEvents } from "@/lib/job-events";
import { jobPaths } from "@/lib/job-paths";
import { closeJobQueue, getQueueRedis } from "@/lib/queue";
import { type RunningRedis, startRedisServer } from "../scripts/lib/redis-server";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

// This file's own Redis, so that restarting it disturbs no other test.
const redisDir = mkdtempSync(path.join(os.tmpdir(), "ccw-restart-redis-"));
let redis: RunningRedis = await startRedisServer({ dir: redisDir });
process.env.REDIS_URL = redis.url;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-restart-"));
process.env.DATA_DIR = dataDir;
let worker: WorkerProcess;

afterAll(async () => {
  worker.process.kill("SIGTERM");
  await worker.exited;
  await closeJobQueue();
  await redis.stop();
});

describe("Redis restarted while a job runs", () => {
  it("the worker reconnects and the job completes once, with none of its events lost", async () => {
    worker = startWorker({ DATA_DIR: dataDir, REDIS_URL: redis.url });
    await worker.waitForOutput("worker: ready");
    const { id } = await submit({ prompt: "scenario:slow turns:6 file:through-the-outage.txt" });
    const events = jobPaths(dataDir, id).events;
    await waitUntil(
      "the CLI is at work",
      () => existsSync(events) && readFileSync(events, "utf8").includes("tool_use"),
    );

    const port = Number(new URL(redis.url).port);
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    redis = await startRedisServer({ dir: redisDir, port });

    const job = await waitForState(id, ["completed"], { timeoutMs: 45_000, context: () => worker.output() });
    expect(job.attemptsStarted).toBe(1);
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "through-the-outage.txt"))).toBe(true);
    // Lines printed while Redis was down reached the stream once it was back, in order, once each.
    const fileLines = readFileSync(events, "utf8").trimEnd().split("\n");
    const streamed = (await readJobEvents(getQueueRedis(), id, "0", { count: 1000 }))
      .filter((entry) => entry.kind === "line")
      .map((entry) => (entry.kind === "line" ? entry.line : ""));
    expect(streamed).toEqual(fileLines);
  });
});
