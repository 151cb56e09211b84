import "server-only";
import { z } from "zod";
import { getQueueRedis } from "../queue";
import { readWorkerStatuses, workerStatusSchema } from "../worker-status";
import { requestDrain } from "./worker-drain";
import { workerWarnings } from "./worker-warnings";

/** A worker's id: its host's name and a random part. */
export const workerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,300}$/, { error: "A worker id is letters, digits, dots, - and _" });

export const workerViewSchema = workerStatusSchema.extend({ warnings: z.array(z.string()) });
export type WorkerView = z.infer<typeof workerViewSchema>;

/** The Workers page: every worker heard from, with what stands out about it. */
export async function listWorkers(now = Date.now()): Promise<WorkerView[]> {
  const workers = await readWorkerStatuses(getQueueRedis(), now);
  const warnings = workerWarnings(workers, now);
  return workers.map((worker) => ({ ...worker, warnings: warnings.get(worker.id) ?? [] }));
}

export type DrainResult = { ok: true } | { ok: false; status: 404; error: string };

/** Asks a worker to drain (finish what it runs, take nothing new), or to take jobs again; it hears within 2 s. */
export async function setWorkerDraining(id: string, draining: boolean): Promise<DrainResult> {
  const workers = await readWorkerStatuses(getQueueRedis());
  if (!workers.some((worker) => worker.id === id))
    return { ok: false, status: 404, error: `No worker ${id} is online: it may have stopped.` };
  await requestDrain(getQueueRedis(), id, draining);
  return { ok: true };
}
