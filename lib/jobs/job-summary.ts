import "server-only";
import type { Job } from "bullmq";
import { type JobProgress, jobProgressSchema } from "../job-progress";
import { jobLabel } from "../job-spec";
import type { JobState, JobSummary } from "../job-view";
import type { JobData } from "../queue";

export function toJobSummary(job: Job<JobData>, state: JobState): JobSummary {
  return {
    id: job.id as string,
    label: jobLabel(job.data),
    state,
    createdAt: job.timestamp,
    startedAt: job.processedOn ?? null,
    finishedAt: job.finishedOn ?? null,
    failedReason: job.failedReason || null,
    progress: parseProgress(job.progress),
  };
}

function parseProgress(progress: unknown): JobProgress | null {
  const parsed = jobProgressSchema.safeParse(progress);
  return parsed.success ? parsed.data : null;
}
