import "server-only";
import { announceCancellation, readCancellations, recordCancellation } from "../cancellations";
import { getConfig } from "../config";
import { getJobQueue, getQueueRedis } from "../queue";
import { announceJobEvent } from "../webhooks/announce-job-event";
import { getWebhookQueue } from "../webhooks/webhook-queue";

export type CancelResult =
  | { ok: true; state: "cancelled" | "cancelling" }
  | { ok: false; status: 404 | 409; error: string };

/**
 * Cancels a job. A waiting or delayed one is removed from the queue at once and recorded cancelled; an active one is
 * recorded, and the worker running it is told to stop it (it ends cancelled within the kill grace).
 */
export async function cancelJob(id: string): Promise<CancelResult> {
  const redis = getQueueRedis();
  const job = await getJobQueue().getJob(id);
  const already = (await readCancellations(redis, [id])).get(id);
  if (!job) {
    return already
      ? { ok: false, status: 409, error: "The job is already cancelled." }
      : { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  }
  const state = await job.getState();
  if (state === "completed" || state === "failed") {
    const what = already ? "was cancelled" : state === "completed" ? "has completed" : "has failed";
    return { ok: false, status: 409, error: `The job ${what}: there is nothing left to cancel.` };
  }
  // Recorded first, so that whatever happens next (a worker picks the job up meanwhile), it is honoured.
  await recordCancellation(redis, id, { cancelledAt: Date.now() });
  if (state !== "active") {
    try {
      await job.remove();
      await recordCancellation(redis, id, {
        cancelledAt: Date.now(),
        removed: { spec: job.data, createdAt: job.timestamp },
      });
      // Cancelled before any worker ran it: no worker will say so.
      await announceJobEvent(getWebhookQueue(), getConfig(), "cancelled", {
        id,
        spec: job.data,
        state: "cancelled",
      }).catch((error: Error) => console.error(`job ${id}: queueing its webhooks:`, error.message));
      return { ok: true, state: "cancelled" };
    } catch {
      // A worker took it meanwhile (it is locked): stop it there instead.
    }
  }
  await announceCancellation(redis, id);
  return { ok: true, state: "cancelling" };
}
