import "server-only";
import { clearCancellation, readCancellations } from "../cancellations";
import { getJobQueue, getQueueRedis, JOB_NAME } from "../queue";
import { jobOptions } from "./submit-job";

export type RetryResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

/**
 * Runs a failed or cancelled job again, as the same job: its folder keeps the earlier attempts' logs and results.
 */
export async function retryJob(id: string): Promise<RetryResult> {
  const redis = getQueueRedis();
  const queue = getJobQueue();
  const [job, cancellations] = await Promise.all([queue.getJob(id), readCancellations(redis, [id])]);
  const cancellation = cancellations.get(id);
  if (!job) {
    if (!cancellation?.removed)
      return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
    // Cancelled before it ran, so the queue no longer has it: queue it again under its own id.
    await queue.add(JOB_NAME, cancellation.removed.spec, {
      ...jobOptions(cancellation.removed.spec),
      delay: undefined,
      jobId: id,
    });
    await clearCancellation(redis, id);
    return { ok: true };
  }
  const state = await job.getState();
  if (state !== "failed") {
    return {
      ok: false,
      status: 409,
      error: `Only a failed or cancelled job can be retried; this one is ${state}.`,
    };
  }
  await clearCancellation(redis, id);
  await job.retry("failed");
  return { ok: true };
}
