import "server-only";
import { getJobQueue } from "../queue";

export type PromoteResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

/** Runs a delayed job now instead of at its time (or its retry's backoff): it joins the waiting jobs. */
export async function promoteJob(id: string): Promise<PromoteResult> {
  const job = await getJobQueue().getJob(id);
  if (!job) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  const state = await job.getState();
  if (state !== "delayed")
    return { ok: false, status: 409, error: `Only a delayed job can be run now; this one is ${state}.` };
  await job.promote();
  return { ok: true };
}
