import "server-only";
import { z } from "zod";
import { getConfig } from "../config";
import { launcherStatusSchema, readLauncherStatus } from "../launcher-status";
import { getJobQueue, getQueueRedis } from "../queue";
import { readBudgetState } from "../usage/daily-budget";
import { readWorkerStatuses, workerStatusSchema } from "../worker-status";

export const systemStatusSchema = z.object({
  redis: z.object({ ok: z.boolean(), error: z.string().nullable() }),
  /** Workers connected to the queue now, as BullMQ counts them (Redis's client list). */
  queueWorkers: z.number(),
  /** Paused (in bull-board, say): workers start no new job until it is resumed. */
  queuePaused: z.boolean(),
  /** What each live worker reports about itself and its CLI. */
  workers: z.array(workerStatusSchema),
  /** Directories a job may run in (ALLOWED_ROOTS); empty when jobs only run in scratch workspaces. */
  allowedRoots: z.array(z.string()),
  /** Directories whose own Claude settings, hooks and MCP servers a job may load (TRUSTED_ROOTS). */
  trustedRoots: z.array(z.string()),
  /** What `npm start`'s launcher says of the worker and Redis it keeps running; null without one. */
  launcher: launcherStatusSchema.nullable(),
  /** Today's spend against DAILY_BUDGET_USD, when one is set: past it, new jobs wait. */
  budget: z
    .object({ limitUsd: z.number(), spentUsd: z.number(), reached: z.boolean(), resetsAt: z.number() })
    .nullable(),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

/** Whether Redis answers, and which workers are online with which CLI. */
export async function getSystemStatus(): Promise<SystemStatus> {
  const { allowedRoots, trustedRoots, dataDir } = getConfig();
  const launcher = readLauncherStatus(dataDir);
  try {
    const [workers, queueWorkers, queuePaused, budget] = await Promise.all([
      readWorkerStatuses(getQueueRedis()),
      getJobQueue().getWorkersCount(),
      getJobQueue().isPaused(),
      readBudgetState(getQueueRedis(), getConfig()),
    ]);
    return {
      redis: { ok: true, error: null },
      queueWorkers,
      queuePaused,
      workers,
      allowedRoots,
      trustedRoots,
      launcher,
      budget:
        budget.limitUsd === null
          ? null
          : {
              limitUsd: budget.limitUsd,
              spentUsd: budget.spentUsd,
              reached: budget.reached,
              resetsAt: budget.resetsAt,
            },
    };
  } catch (error) {
    return {
      redis: { ok: false, error: (error as Error).message },
      queueWorkers: 0,
      queuePaused: false,
      workers: [],
      allowedRoots,
      trustedRoots,
      launcher,
      budget: null,
    };
  }
}
