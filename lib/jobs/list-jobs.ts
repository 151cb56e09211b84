import "server-only";
import type { JobList, JobState } from "../job-view";
import { getJobQueue } from "../queue";
import { toJobSummary } from "./job-summary";

const LISTED_STATES = [
  "active",
  "waiting",
  "prioritized",
  "delayed",
  "completed",
  "failed",
] as const satisfies JobState[];

/** The newest jobs of every state, newest first. */
export async function listJobs(limit = 100): Promise<JobList> {
  const queue = getJobQueue();
  // One read per state, so each job is known with its state without another round trip per job.
  const perState = await Promise.all(
    LISTED_STATES.map(async (state) => {
      const jobs = await queue.getJobs([state], 0, limit - 1);
      return jobs.filter(Boolean).map((job) => toJobSummary(job, state));
    }),
  );
  const jobs = perState
    .flat()
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit);
  return { jobs };
}
