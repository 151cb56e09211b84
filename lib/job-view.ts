import { z } from "zod";
import { decimalNumber } from "./decimal-number";
import { type JobProgress, jobProgressSchema } from "./job-progress";
import { jobResultSchema } from "./job-result";
import { jobSpecSchema } from "./job-spec";
import { jobHoldSchema } from "./jobs/job-hold";

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

/** A running job whose CLI waits for a person's answer: "needs you", in the list and on its page. */
export function needsPerson(job: { state: JobState; progress?: JobProgress | null }): boolean {
  return job.state === "active" && (job.progress?.openRequests?.length ?? 0) > 0;
}

/** A job can be followed up once it has ended with a session to resume. */
export function canFollowUp(job: Pick<JobDetail, "state" | "result" | "progress">): boolean {
  return isFinished(job.state) && Boolean(job.result?.sessionId ?? job.progress?.sessionId);
}

/** Which run of its job is meant: the one running, the one to come, or the last one. */
export const jobAttemptSchema = z.object({
  number: z.number(),
  /** How many runs the queue makes on its own; null for runs a person added with Retry after those. */
  of: z.number().nullable(),
  /** When a delayed job runs; null when it is not delayed. */
  dueAt: z.number().nullable(),
});
export type JobAttempt = z.infer<typeof jobAttemptSchema>;

export const jobSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  /** The prompt's beginning, for search and tooltips. */
  prompt: z.string(),
  state: jobStateSchema,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  failedReason: z.string().nullable(),
  progress: jobProgressSchema.nullable(),
  /** The directory the job was given; null when it runs in a scratch workspace (or its parent's, for a follow-up). */
  workingDirectory: z.string().nullable(),
  /** Set on a follow-up: the job whose session it resumes. */
  parentJobId: z.string().nullable(),
  tags: z.array(z.string()),
  attempt: jobAttemptSchema,
  /** Why a delayed job waits when the worker put it back: the day's budget, a usage limit; null otherwise. */
  hold: jobHoldSchema.nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

/** The job list's tabs: the states a person tells apart (prioritized jobs are waiting ones). */
export const jobListTabs = [
  "all",
  "active",
  "waiting",
  "delayed",
  "completed",
  "failed",
  "cancelled",
] as const;
export type JobListTab = (typeof jobListTabs)[number];

export const jobListSorts = ["created", "duration", "cost"] as const;

/** A day as YYYY-MM-DD, or a time in ms since 1970: a bound of the list's date range. */
const dateBound = (name: string) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().regex(/^\d{1,15}$/)], {
        error: `${name} must be a day like 2026-12-04`,
      })
      .optional(),
  );

const costBound = (name: string) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    decimalNumber(
      z
        .number({ error: `${name} must be a number of US dollars, like 0.50` })
        .min(0, { error: `${name} must be at least 0` })
        .optional(),
    ),
  );

/** What the job list asks for: a tab, words to find in titles and prompts, filters and an order. */
export const jobListQuerySchema = z.strictObject({
  tab: z.enum(jobListTabs, { error: `tab must be one of: ${jobListTabs.join(", ")}` }).default("all"),
  q: z.string().trim().max(200, { error: "Search for at most 200 characters" }).default(""),
  page: decimalNumber(
    z
      .number({ error: "page must be a number" })
      .int({ error: "page must be a whole number" })
      .min(1, { error: "page starts at 1" })
      .max(1_000_000, { error: "page must be at most 1000000" })
      .default(1),
  ),
  /** Created on or after this day (YYYY-MM-DD, in the browser's own time when it sends `from` as ms). */
  from: dateBound("from"),
  /** Created before the end of this day. */
  to: dateBound("to"),
  /** The model's name contains this (the one the job asked for, or the one its run reported). */
  model: z.string().trim().max(100).optional(),
  /** The working directory contains this; "scratch" for jobs in a scratch workspace. */
  directory: z.string().trim().max(4096).optional(),
  tag: z.string().trim().toLowerCase().max(30).optional(),
  minCost: costBound("minCost"),
  maxCost: costBound("maxCost"),
  sort: z.enum(jobListSorts, { error: `sort must be one of: ${jobListSorts.join(", ")}` }).default("created"),
  order: z.enum(["desc", "asc"], { error: "order must be desc or asc" }).default("desc"),
  /** Count the jobs that failed after this time (ms since 1970): the failures a person has not seen yet. */
  failedSince: decimalNumber(
    z
      .number({ error: "failedSince must be a time in milliseconds since 1970" })
      .int({ error: "failedSince must be a whole number of milliseconds" })
      .min(0, { error: "failedSince must be a time in milliseconds since 1970" })
      .optional(),
  ),
});
export type JobListQuery = z.infer<typeof jobListQuerySchema>;

/** The query's filters and order, beside its tab, search and page. */
export const LIST_FILTER_FIELDS = [
  "from",
  "to",
  "model",
  "directory",
  "tag",
  "minCost",
  "maxCost",
  "sort",
  "order",
] as const;

/** The query's fields a list's address carries, so a view can be shared. */
export const LIST_ADDRESS_FIELDS: readonly string[] = ["tab", "q", "page", ...LIST_FILTER_FIELDS];

export const jobListSchema = z.object({
  jobs: z.array(jobSummarySchema),
  /** How many jobs each tab holds that match the search. */
  counts: z.record(z.enum(jobListTabs), z.number()),
  /** How many jobs match the tab and the search, over all pages. */
  total: z.number(),
  /** The page shown, 1-based: a page past the end shows the last one. */
  page: z.number(),
  pageSize: z.number(),
  /** How many jobs failed after the query's `failedSince`, whatever the tab and search; 0 without it. */
  newFailures: z.number(),
});

export const JOB_LIST_PAGE_SIZE = 50;
export type JobList = z.infer<typeof jobListSchema>;

/** A job's page title: what it is and where it stands, so a tab among many says it. */
export function jobTitle(
  job: Pick<JobSummary, "label" | "state"> & { progress?: JobProgress | null },
): string {
  return `${job.label} · ${needsPerson(job) ? "needs you" : job.state}`;
}

export const workspaceFileSchema = z.object({
  /** Relative to the workspace, with forward slashes. */
  path: z.string(),
  size: z.number(),
  modifiedAt: z.number(),
});
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

/**
 * A temporary file an atomic write left behind when it was interrupted (the CLI's `name.tmp.<pid>.<time>`, our own
 * `name.<pid>.tmp`): not a file the job meant to make.
 */
export function isLeftoverTempFile(name: string): boolean {
  return /\.tmp\.[\w.-]+$|\.\d+\.tmp$/.test(name);
}

/** One turn of a conversation carried on by follow-ups: a job, its prompt and how it answered. */
export const threadTurnSchema = z.object({
  id: z.string(),
  label: z.string(),
  prompt: z.string(),
  state: jobStateSchema,
  createdAt: z.number(),
  /** The turn's final answer, or why it has none; null while it has not finished. */
  answer: z.string().nullable(),
});
export type ThreadTurn = z.infer<typeof threadTurnSchema>;

/** The conversation a job belongs to: the turns that led to it, oldest first, and the follow-ups made from it. */
export const jobThreadSchema = z.object({
  earlier: z.array(threadTurnSchema),
  followUps: z.array(threadTurnSchema),
});
export type JobThread = z.infer<typeof jobThreadSchema>;

export const jobDetailSchema = jobSummarySchema.extend({
  spec: jobSpecSchema,
  /** The verdict of the job's last run, once the job is finished; null while it runs or waits to run again. */
  result: jobResultSchema.nullable(),
  /** The results of the runs before, oldest first. */
  earlierResults: z.array(jobResultSchema),
  attempt: jobAttemptSchema,
  /** The wall-clock limit of a run: the job's own, else the server's default. */
  timeoutSeconds: z.number(),
  files: z.array(workspaceFileSchema),
  /** Why the files are not shown (a workspace that leads out of the job's folder), or null. */
  filesRefused: z.string().nullable(),
  /** The job's page in bull-board, when the queue still holds it. */
  queueUrl: z.string().nullable(),
  thread: jobThreadSchema,
  /** The end of the CLI's stderr.log, and the file's whole size; null before the job ran. */
  stderr: z.object({ text: z.string(), size: z.number() }).nullable(),
});
export type JobDetail = z.infer<typeof jobDetailSchema>;
