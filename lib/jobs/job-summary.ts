import "server-only";
import type { Job } from "bullmq";
import type { Cancellation } from "../cancellations";
import { type JobProgress, jobProgressSchema } from "../job-progress";
import { jobLabel } from "../job-spec";
import { type JobState, type JobSummary, jobStateSchema } from "../job-view";
import type { JobData } from "../queue";
import { startedAttempt } from "./job-attempts";
import type { JobHold } from "./job-hold";

/** Enough of the prompt to search in and to show on hover, without sending whole prompts to the list. */
const PROMPT_PREVIEW_CHARS = 1000;

/** `dueAt`: when a delayed job runs (see readDueTimes), and `hold` why; null when not known or not delayed. */
export function toJobSummary(
  job: Job<JobData>,
  state: JobState,
  dueAt: number | null = null,
  hold: JobHold | null = null,
): JobSummary {
  return {
    id: job.id as string,
    label: jobLabel(job.data),
    prompt: job.data.prompt.slice(0, PROMPT_PREVIEW_CHARS),
    state,
    createdAt: job.timestamp,
    startedAt: job.processedOn ?? null,
    finishedAt: job.finishedOn ?? null,
    failedReason: job.failedReason || null,
    progress: parseProgress(job.progress),
    workingDirectory: job.data.workingDirectory ?? null,
    parentJobId: job.data.parentJobId ?? null,
    tags: job.data.tags ?? [],
    attempt: startedAttempt(state, job.attemptsStarted, job.opts.attempts ?? 1, dueAt),
    hold: state === "delayed" ? hold : null,
  };
}

/** The state a person sees: BullMQ's, except that a job failed by a cancel is cancelled. */
export function jobStateOf(bullState: string, cancelled: boolean): JobState {
  if (bullState === "failed" && cancelled) return "cancelled";
  return jobStateSchema.safeParse(bullState).data ?? "unknown";
}

/** A job removed from the queue by a cancel before it ran: only its record is left. */
export function cancelledSummary(id: string, cancellation: Cancellation): JobSummary {
  const removed = cancellation.removed;
  return {
    id,
    label: removed ? jobLabel(removed.spec) : id,
    prompt: removed ? removed.spec.prompt.slice(0, PROMPT_PREVIEW_CHARS) : "",
    state: "cancelled",
    createdAt: removed?.createdAt ?? cancellation.cancelledAt,
    startedAt: null,
    finishedAt: cancellation.cancelledAt,
    failedReason: null,
    progress: null,
    workingDirectory: removed?.spec.workingDirectory ?? null,
    parentJobId: removed?.spec.parentJobId ?? null,
    tags: removed?.spec.tags ?? [],
    attempt: { number: 1, of: null, dueAt: null },
    hold: null,
  };
}

function parseProgress(progress: unknown): JobProgress | null {
  const parsed = jobProgressSchema.safeParse(progress);
  return parsed.success ? parsed.data : null;
}
