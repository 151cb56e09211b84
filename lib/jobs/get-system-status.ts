import "server-only";
import { z } from "zod";
import { getQueueRedis } from "../queue";
import { readWorkerStatuses, workerStatusSchema } from "../worker-status";

export const systemStatusSchema = z.object({
  redis: z.object({ ok: z.boolean(), error: z.string().nullable() }),
  workers: z.array(workerStatusSchema),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

/** Whether Redis answers, and which workers are online with which CLI. */
export async function getSystemStatus(): Promise<SystemStatus> {
  try {
    return { redis: { ok: true, error: null }, workers: await readWorkerStatuses(getQueueRedis()) };
  } catch (error) {
    return { redis: { ok: false, error: (error as Error).message }, workers: [] };
  }
}
