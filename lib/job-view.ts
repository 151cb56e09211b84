import { z } from "zod";
import { jobProgressSchema } from "./job-progress";
import { jobResultSchema } from "./job-result";
import { jobSpecSchema } from "./job-spec";

// What the dashboard shows of a job. The web computes these from BullMQ and the job folder; the browser reads them.

export const jobStates = [
  "waiting",
  "prioritized",
  "delayed",
  "active",
  "completed",
  "failed",
  "cancelled",
  "unknown",
] as const;
export const jobStateSchema = z.enum(jobStates);
export type JobState = z.infer<typeof jobStateSchema>;

/** States after which nothing more happens to a job on its own. */
export function isFinished(state: JobState): boolean {
  return state === "completed" || state === "failed" || state === "cancelled";
}

export const jobSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  state: jobStateSchema,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  failedReason: z.string().nullable(),
  progress: jobProgressSchema.nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobListSchema = z.object({ jobs: z.array(jobSummarySchema) });
export type JobList = z.infer<typeof jobListSchema>;

export const workspaceFileSchema = z.object({
  /** Relative to the workspace, with forward slashes. */
  path: z.string(),
  size: z.number(),
  modifiedAt: z.number(),
});
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

export const jobDetailSchema = jobSummarySchema.extend({
  spec: jobSpecSchema,
  result: jobResultSchema.nullable(),
  files: z.array(workspaceFileSchema),
});
export type JobDetail = z.infer<typeof jobDetailSchema>;
