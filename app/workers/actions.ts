"use server";

import { type DrainResult, setWorkerDraining, workerIdSchema } from "@/lib/workers/list-workers";

export async function setWorkerDrainingAction(id: string, draining: boolean): Promise<DrainResult> {
  const parsed = workerIdSchema.safeParse(id);
  if (!parsed.success)
    return { ok: false, status: 404, error: parsed.error.issues[0]?.message ?? "Bad worker id" };
  return setWorkerDraining(parsed.data, draining === true);
}
