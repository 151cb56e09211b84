// A run stopped by the account's usage limit (the CLI's rate_limit_event, from the fake CLI) makes its job wait for
// the reset and run again, through a real worker and BullMQ; one stopped again and again, without the model writing
// a word, stops waiting and says why.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import { jobResultSchema } from "@/lib/job-result";
import { attemptStatus } from "@/lib/jobs/attempt-status";
import { getJobDetail } from "@/lib/jobs/get-job";
import { submit, waitForState } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-usage-limits-"));
let worker: WorkerProcess;

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  worker = startWorker({ DATA_DIR: dataDir, USAGE_TIME_ZONE: "UTC" });
  await worker.waitForOutput("worker: ready");
});

afterAll(async () => {
  worker.process.kill("SIGTERM");
  await worker.exited;
});

const resultOf = (id: string) =>
  jobResultSchema.parse(JSON.parse(readFileSync(jobPaths(dataDir, id).result, "utf8")));

describe("a job the usage limit stops", () => {
  it("waits for the reset, saying when it resumes, then runs again to its end", async () => {
    const { id } = await submit({ prompt: "scenario:usagelimit resets:1" });
    await waitForState(id, ["delayed"], { context: () => worker.output() });
    const held = await getJobDetail(id);
    expect(held?.hold).toMatchObject({ reason: "usage-limit", streak: 1 });
    expect(held && attemptStatus(held.attempt, held.state, Date.now(), held.hold)).toMatch(
      /^The Claude usage limit was reached; it resumes at \d\d:\d\d; runs in \d+ seconds$/,
    );
    // Its first run's verdict is kept, and says which limit and when it resets.
    expect(resultOf(id)).toMatchObject({
      outcome: "failed",
      diagnosis: { code: "usage-limit", cause: expect.stringContaining("five hour usage limit") },
      usageLimitResetsAt: expect.any(Number),
    });
    const done = await waitForState(id, ["completed"], { timeoutMs: 30_000, context: () => worker.output() });
    // Only the run that completed counts as an attempt: waiting for the limit spent none.
    expect(done.attemptsMade).toBe(1);
    expect((await getJobDetail(id))?.earlierResults.map((result) => result.diagnosis?.code)).toEqual([
      "usage-limit",
    ]);
  });

  it("stops waiting after being stopped again and again before the model wrote a word, and says why", async () => {
    const { id } = await submit({ prompt: "scenario:usagelimitalways resets:0", attempts: 1 });
    const failed = await waitForState(id, ["failed"], { timeoutMs: 45_000, context: () => worker.output() });
    expect(resultOf(id).diagnosis).toMatchObject({
      code: "usage-limit-runaway",
      cause: expect.stringContaining("3 runs in a row"),
    });
    expect(failed.failedReason).toContain("stopped waiting for resets");
    expect((await getJobDetail(id))?.earlierResults.map((result) => result.diagnosis?.code)).toEqual([
      "usage-limit",
      "usage-limit",
    ]);
  });

  it("fails at once when the job says not to wait", async () => {
    const { id } = await submit({
      prompt: "scenario:usagelimit resets:3600",
      onUsageLimit: "fail",
      attempts: 1,
    });
    await waitForState(id, ["failed"], { context: () => worker.output() });
    expect(resultOf(id).diagnosis?.code).toBe("usage-limit");
    expect((await getJobDetail(id))?.hold).toBeNull();
  });
});
