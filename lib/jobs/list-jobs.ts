import "server-only";
import { readCancellations, readRemovedCancellations } from "../cancellations";
import type { JobList, JobState, JobSummary } from "../job-view";
import { getJobQueue, getQueueRedis } from "../queue";
import { cancelledSummary, toJobSummary } from "./job-summary";

const LISTED_STATES = [
  "active",
  "waiting",
  "prioritized",
  "delayed",
  "completed",
  "failed",
] as const satisfies JobState[];

/** The newest jobs of every state, newest first; cancelled ones as such. */
export async function listJobs(limit = 100): Promise<JobList> {
  const queue = getJobQueue();
  const redis = getQueueRedis();
  // One read per state, so each job is known with its state without another round trip per job.
  const perState = await Promise.all(
    LISTED_STATES.map(async (state) => {
      const jobs = (await queue.getJobs([state], 0, limit - 1)).filter(Boolean);
      // A cancelled active job ends failed in BullMQ; the cancel record says what it really is.
      const cancelled =
        state === "failed"
          ? await readCancellations(
              redis,
              jobs.map((job) => job.id as string),
            )
          : new Map();
      return jobs.map((job) => toJobSummary(job, cancelled.has(job.id as string) ? "cancelled" : state));
    }),
  );
  const removed: JobSummary[] = (await readRemovedCancellations(redis))
    .slice(0, limit)
    .map(([id, cancellation]) => cancelledSummary(id, cancellation));
  const jobs = [...perState.flat(), ...removed].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  return { jobs };
}
