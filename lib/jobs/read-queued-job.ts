import "server-only";
import type { Job } from "bullmq";
import { type Cancellation, readCancellations } from "../cancellations";
import { getJobQueue, getQueueRedis, type JobData } from "../queue";

/** A job as the queue holds it, with its cancel record: a job cancelled before it ran has only the record. */
export async function readQueuedJob(
  id: string,
): Promise<{ job: Job<JobData> | undefined; cancellation: Cancellation | undefined }> {
  const [job, cancellations] = await Promise.all([
    getJobQueue().getJob(id),
    readCancellations(getQueueRedis(), [id]),
  ]);
  return { job, cancellation: cancellations.get(id) };
}
