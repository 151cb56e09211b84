import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { readJobEvents } from "@/lib/job-events";
import { jobPaths } from "@/lib/job-paths";
import { jobResultSchema } from "@/lib/job-result";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { closeJobQueue } from "@/lib/queue";
import { createRedisConnection } from "@/lib/redis";
import { readRunRecord } from "@/lib/runs/run-record";
import { findProcessesWithEnv } from "@/worker/process-tree";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-worker-test-"));
const allowedRoot = mkdtempSync(path.join(os.tmpdir(), "ccw-allowed-"));
process.env.DATA_DIR = dataDir;
process.env.ALLOWED_ROOTS = allowedRoot;

let worker: WorkerProcess;
const redis = createRedisConnection({ name: "test", failFast: true });

const waitFor = (id: string, states: string[], timeoutMs?: number) =>
  waitForState(id, states, { timeoutMs, context: () => worker.output() });

beforeAll(async () => {
  expect(getConfig().dataDir).toBe(dataDir);
  worker = startWorker({
    DATA_DIR: dataDir,
    WORKER_CONCURRENCY: "2",
    SHUTDOWN_GRACE_SECONDS: "0",
    KILL_GRACE_SECONDS: "1",
  });
  await worker.waitForOutput("worker: ready");
});

afterAll(async () => {
  worker.process.kill("SIGTERM");
  await worker.exited;
  await closeJobQueue();
  redis.disconnect();
});

describe("the worker", () => {
  it("runs a job through the CLI and writes its output folder", async () => {
    const { id } = await submit({ prompt: "Create file:greeting.txt please" });
    const job = await waitFor(id, ["completed"]);
    const paths = jobPaths(dataDir, id);

    expect(readFileSync(path.join(paths.workspace, "greeting.txt"), "utf8")).toBe(
      "Hello from the fake model! (turn 1)\n",
    );
    expect(JSON.parse(readFileSync(paths.spec, "utf8"))).toMatchObject({
      id,
      spec: { prompt: "Create file:greeting.txt please" },
    });

    const result = jobResultSchema.parse(JSON.parse(readFileSync(paths.result, "utf8")));
    expect(result).toMatchObject({
      outcome: "completed",
      text: "Done: I created greeting.txt.",
      exitCode: 0,
      numTurns: 2,
    });
    // BullMQ keeps the verdict in short; the whole result is the file's, and the run record's copy goes once applied.
    expect(job.returnvalue).toEqual({ outcome: "completed", attempt: 1, numTurns: 2, costUsd: 0.002 });
    await waitUntil("the run record drops its copy of the result", async () => {
      const record = await readRunRecord(redis, id);
      return record?.state === "finished" && record.result === undefined;
    });
    expect(job.progress).toMatchObject({ turns: 2, costUsd: 0.002 });

    // The same lines, in the same order, in events.jsonl and in the Redis Stream, which then marks its end.
    const fileLines = readFileSync(paths.events, "utf8").trimEnd().split("\n");
    // First the worker's note of the run's isolation, then the CLI's own lines.
    expect(fileLines.map((line) => `${JSON.parse(line).type}:${JSON.parse(line).subtype ?? ""}`)).toEqual([
      "system:isolation",
      "system:init",
      "assistant:",
      "assistant:",
      "user:",
      "assistant:",
      "result:success",
    ]);
    const entries = await readJobEvents(redis, id, "0", { count: 100 });
    expect(
      entries.filter((entry) => entry.kind === "line").map((entry) => entry.kind === "line" && entry.line),
    ).toEqual(fileLines);
    expect(entries.at(-1)?.kind).toBe("end");
  });

  it("runs a job in a chosen directory under ALLOWED_ROOTS", async () => {
    const project = path.join(allowedRoot, "project");
    mkdirSync(project);
    const { id } = await submit({ prompt: "file:in-project.txt", workingDirectory: project });
    await waitFor(id, ["completed"]);
    expect(existsSync(path.join(project, "in-project.txt"))).toBe(true);
    expect(JSON.parse(readFileSync(jobPaths(dataDir, id).spec, "utf8")).cwd).toBe(realpathSync(project));
  });

  it("refuses, without running the CLI, a directory that is gone by the time the job starts", async () => {
    const doomed = path.join(allowedRoot, "doomed");
    mkdirSync(doomed);
    const { id } = await submit({ prompt: "file:never.txt", workingDirectory: doomed, delaySeconds: 1 });
    rmSync(doomed, { recursive: true });
    const job = await waitFor(id, ["failed"]);
    expect(job.failedReason).toBe(`The working directory is not usable: ${doomed} does not exist.`);
    expect(readFileSync(jobPaths(dataDir, id).events, "utf8")).toBe("");
  });

  it("resumes the event stream after a cursor without repeating a line", async () => {
    const { id } = await submit({ prompt: "file:a.txt" });
    await waitFor(id, ["completed"]);
    const all = await readJobEvents(redis, id, "0", { count: 100 });
    const rest = await readJobEvents(redis, id, all[2]?.cursor ?? "", { count: 100 });
    expect(rest).toEqual(all.slice(3));
  });

  it("fails a job whose CLI reported is_error, keeping the CLI's error text and a diagnosis", async () => {
    const { id } = await submit({ prompt: "scenario:fail", attempts: 1 });
    const job = await waitFor(id, ["failed"]);
    expect(job.failedReason).toBe(
      "The API failed with a server error (500) and the CLI's own retries ran out.",
    );
    const result = jobResultSchema.parse(JSON.parse(readFileSync(jobPaths(dataDir, id).result, "utf8")));
    expect(result).toMatchObject({
      outcome: "failed",
      exitCode: 1,
      text: "API Error: 500 Internal server error (fake)",
    });
    expect(result.diagnosis?.fix).toMatch(/Retry later/);
    expect(job.attemptsMade).toBe(1);
  });

  it("retries a retryable failure after a backoff, keeping every attempt's log and result", async () => {
    const { id } = await submit({ prompt: "scenario:fail", attempts: 2 });
    await waitFor(id, ["delayed"]);
    const job = await waitFor(id, ["failed"]);
    expect(job.attemptsMade).toBe(2);
    const paths = jobPaths(dataDir, id);
    expect(readFileSync(paths.events, "utf8").match(/"subtype":"init"/g)).toHaveLength(2);
    expect(
      jobResultSchema.parse(
        JSON.parse(readFileSync(paths.result.replace(".json", ".attempt-1.json"), "utf8")),
      ).outcome,
    ).toBe("failed");
    // The stream marks where each attempt ended.
    const ends = (await readJobEvents(redis, id, "0", { count: 100 })).filter(
      (entry) => entry.kind === "end",
    );
    expect(ends).toHaveLength(2);
  });

  it("stops a job that hangs at its timeout and leaves none of its processes behind", async () => {
    const { id } = await submit({ prompt: "scenario:hang", timeoutSeconds: 10 });
    await waitFor(id, ["active"]);
    const job = await waitFor(id, ["failed"], 30_000);
    expect(job.failedReason).toMatch(/ran longer than its 10s time limit/);
    expect(await findProcessesWithEnv("CCW_JOB_ID", id)).toEqual([]);
  });

  it("on SIGTERM, stops its running jobs and puts them back to wait instead of failing them", async () => {
    const { id } = await submit({ prompt: "scenario:hang" });
    await waitFor(id, ["active"]);
    await waitForCliStart(dataDir, id);
    worker.process.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const job = await waitFor(id, ["waiting"], 5_000);
    expect(job.failedReason).toBeFalsy();
    expect(await findProcessesWithEnv("CCW_JOB_ID", id)).toEqual([]);

    // Another worker picks it up again.
    worker = startWorker({ DATA_DIR: dataDir, SHUTDOWN_GRACE_SECONDS: "0", KILL_GRACE_SECONDS: "1" });
    await waitFor(id, ["active"]);
    // It was not ended, so it has no result, and its first attempt's log is kept.
    expect(existsSync(jobPaths(dataDir, id).result)).toBe(false);
    expect(readFileSync(jobPaths(dataDir, id).events, "utf8")).toContain('"subtype":"init"');
    // Ended here: stopped with the worker, it would wait for the workers of the next test file.
    await cancelJob(id);
    await waitFor(id, ["failed"]);
  });
});
