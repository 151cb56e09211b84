import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { decimalNumber } from "../decimal-number";
import { jobSpecSchema } from "../job-spec";

export const MIN_INTERVAL_SECONDS = 10;
/** Failures in a row after which a schedule pauses itself. */
export const SCHEDULE_FAILURES_TO_PAUSE = 3;

const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** Why a cron expression is not one, in words, or undefined when it is. */
export function cronProblem(expression: string, timezone?: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return `A cron expression has five fields (minute hour day-of-month month day-of-week), like 0 9 * * 1-5 for 9:00 on weekdays; "${expression}" has ${fields.length}`;
  try {
    CronExpressionParser.parse(expression, timezone ? { tz: timezone } : {});
    return undefined;
  } catch (error) {
    return `"${expression}" is not a cron expression this server can run: ${(error as Error).message.replace(/^\w+ error, /, "")}. Five fields, minute hour day-of-month month day-of-week, like 30 2 * * * for 2:30 every night`;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const scheduleShape = {
  name: z
    .string({ error: "Name the schedule, like Nightly dependency update" })
    .trim()
    .min(1, { error: "Name the schedule, like Nightly dependency update" })
    .max(100, { error: "A schedule's name is at most 100 characters" }),
  /** Five-field cron, in `timezone`; or `everySeconds`. */
  cron: z.preprocess(
    blankAsUnset,
    z.string().trim().max(100, { error: "The cron expression is too long" }).optional(),
  ),
  everySeconds: z.preprocess(
    blankAsUnset,
    decimalNumber(
      z
        .number({ error: "The interval must be a number of seconds" })
        .int({ error: "The interval must be a whole number of seconds" })
        .min(MIN_INTERVAL_SECONDS, { error: `The interval must be at least ${MIN_INTERVAL_SECONDS} seconds` })
        .max(366 * 24 * 3600, { error: "The interval must be at most a year" })
        .optional(),
    ),
  ),
  timezone: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine(isTimeZone, {
        error: "The time zone must be a name like Europe/Berlin, America/New_York or UTC",
      })
      .optional(),
  ),
  /** skip (the default): no run starts while the schedule's last job still waits or runs. allow: it starts anyway. */
  overlap: z.preprocess(
    blankAsUnset,
    z.enum(["skip", "allow"], { error: "Overlap is skip (the default) or allow" }).default("skip"),
  ),
  /** The job each run submits. */
  spec: jobSpecSchema,
};

/** A schedule as a person asks for it: the form's, the API's and the store's one shape. */
export const scheduleInputSchema = z
  .strictObject(scheduleShape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}: a schedule takes ${Object.keys(scheduleShape).join(", ")}`
        : undefined,
  })
  .superRefine((input, context) => {
    if ((input.cron === undefined) === (input.everySeconds === undefined))
      context.addIssue({
        code: "custom",
        path: ["cron"],
        message: "Say when it runs: a cron expression, or an interval in seconds (one of the two)",
      });
    const problem = input.cron === undefined ? undefined : cronProblem(input.cron, input.timezone);
    if (problem) context.addIssue({ code: "custom", path: ["cron"], message: problem });
    if (input.spec.delaySeconds !== undefined || input.spec.resumeSessionId !== undefined)
      context.addIssue({
        code: "custom",
        path: ["spec"],
        message: "A scheduled job starts when the schedule says: it takes no delay and resumes no session",
      });
  });
export type ScheduleInput = z.output<typeof scheduleInputSchema>;

export const scheduleRunSchema = z.object({
  at: z.number(),
  /** The job the run submitted; unset when it was skipped. */
  jobId: z.string().optional(),
  skipped: z.string().optional(),
});
export type ScheduleRun = z.infer<typeof scheduleRunSchema>;

/** A schedule as kept: what was asked, and what became of it. */
export const scheduleSchema = z.object({
  id: z.string(),
  input: z.object(scheduleShape).extend({ spec: jobSpecSchema }),
  createdAt: z.number(),
});
export type ScheduleDefinition = z.infer<typeof scheduleSchema>;

export const schedulePauseSchema = z.object({ at: z.number(), reason: z.string() });
export type SchedulePause = z.infer<typeof schedulePauseSchema>;

export interface Schedule extends ScheduleDefinition {
  /** Why it is paused (by a person, or by itself after failures), or null while it runs. */
  paused: SchedulePause | null;
  /** The last runs, newest first. */
  runs: ScheduleRun[];
  /** The schedule's jobs that failed in a row, up to now. */
  failuresInARow: number;
}
