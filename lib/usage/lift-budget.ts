import "server-only";
import { getConfig } from "../config";
import { clearHold, jobsHeldFor } from "../jobs/job-holds";
import { getJobQueue, getQueueRedis } from "../queue";
import { readBudgetState, recordBudgetLifted } from "./daily-budget";

export type LiftBudgetResult = { ok: true; released: number } | { ok: false; status: 409; error: string };

/** Lets jobs run past today's budget until the day ends, and starts those that wait for it now. */
export async function liftBudget(): Promise<LiftBudgetResult> {
  const redis = getQueueRedis();
  const budget = await readBudgetState(redis, getConfig());
  if (budget.limitUsd === null)
    return {
      ok: false,
      status: 409,
      error: "There is no daily budget to lift: DAILY_BUDGET_USD is not set.",
    };
  await recordBudgetLifted(redis, budget.day);
  let released = 0;
  for (const id of await jobsHeldFor(redis, "budget")) {
    const job = await getJobQueue().getJob(id);
    if (job && (await job.getState()) === "delayed") {
      await job.promote();
      released += 1;
    }
    await clearHold(redis, id);
  }
  return { ok: true, released };
}
