// The usage ledger and the daily budget, through a real worker and Redis: a run's cost stays counted after its job
// is deleted, and once the day's budget is spent a new job waits, saying why, until the budget is lifted.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptStatus } from "@/lib/jobs/attempt-status";
import { deleteJob } from "@/lib/jobs/delete-job";
import { getJobDetail } from "@/lib/jobs/get-job";
import { getUsageView } from "@/lib/usage/get-usage-view";
import { liftBudget } from "@/lib/usage/lift-budget";
import { usageDay } from "@/lib/usage/usage-day";
import { readDayCost } from "@/lib/usage/usage-ledger";
import { submit, waitForState } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-usage-"));
/** What the fake CLI says a plain job costs. */
const JOB_COST = 0.002;
let worker: WorkerProcess;
let spentBefore = 0;

beforeAll(async () => {
  // The test Redis is shared by the files before this one: today's spend is theirs too. The budget is set just above
  // it, so this file's first job runs and spends it.
  const redis = new Redis(process.env.REDIS_URL as string);
  spentBefore = await readDayCost(redis, usageDay(Date.now(), "UTC"));
  redis.disconnect();
  const env = {
    DATA_DIR: dataDir,
    USAGE_TIME_ZONE: "UTC",
    DAILY_BUDGET_USD: (spentBefore + JOB_COST / 2).toFixed(6),
  };
  Object.assign(process.env, env);
  worker = startWorker(env);
  await worker.waitForOutput("worker: ready");
});

afterAll(async () => {
  worker.process.kill("SIGTERM");
  await worker.exited;
});

describe("the usage ledger and the daily budget", () => {
  it("keeps a run's cost, by model and directory, after its job is deleted", async () => {
    const { id } = await submit({ prompt: "Write file:spent.txt", model: "claude-ledger-test" });
    await waitForState(id, ["completed"], { context: () => worker.output() });
    const after = await getUsageView(7);
    expect(after.days.at(-1)?.costUsd).toBeCloseTo(spentBefore + JOB_COST, 6);
    expect(after.byModel.find((row) => row.name === "claude-ledger-test")).toMatchObject({
      costUsd: JOB_COST,
      attempts: 1,
      inputTokens: expect.any(Number),
    });
    expect(after.byDirectory.find((row) => row.name === "scratch")?.attempts).toBeGreaterThan(0);

    expect(await deleteJob(id)).toMatchObject({ ok: true });
    const afterDelete = await getUsageView(7);
    expect(afterDelete.days.at(-1)?.costUsd).toBeCloseTo(spentBefore + JOB_COST, 6);
    expect(afterDelete.recent.find((entry) => entry.jobId === id)).toMatchObject({
      costUsd: JOB_COST,
      model: "claude-ledger-test",
      outcome: "completed",
      attempt: 1,
    });
  });

  it("holds a new job once the day's budget is spent, says why, and runs it when the budget is lifted", async () => {
    const view = await getUsageView(7);
    expect(view.budget).toMatchObject({ reached: true, lifted: false });
    const { id } = await submit({ prompt: "Write file:held.txt" });
    await waitForState(id, ["delayed"], { context: () => worker.output() });
    const held = await getJobDetail(id);
    expect(held?.hold).toMatchObject({ reason: "budget", until: view.budget.resetsAt });
    const status = held && attemptStatus(held.attempt, held.state, Date.now(), held.hold);
    expect(status).toMatch(
      /^Today's budget of \$0\.\d+ is spent \(\$0\.\d+ so far\): it waits for tomorrow's/,
    );

    expect(await liftBudget()).toEqual({ ok: true, released: 1 });
    await waitForState(id, ["completed"], { context: () => worker.output() });
    expect((await getJobDetail(id))?.hold).toBeNull();
    expect((await getUsageView(7)).budget).toMatchObject({ reached: false, lifted: true });
  });
});
