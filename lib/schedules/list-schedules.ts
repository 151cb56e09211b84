import "server-only";
import { z } from "zod";
import { readCancellations } from "../cancellations";
import { formatDuration } from "../format";
import { jobLabel } from "../job-spec";
import { jobStateSchema } from "../job-view";
import { jobStateOf } from "../jobs/job-summary";
import { getJobQueue, getQueueRedis } from "../queue";
import { getScheduleQueue, nextTickOf } from "./schedule-queue";
import { type Schedule, schedulePauseSchema, scheduleSchema } from "./schedule-schemas";
import { readSchedule, readSchedules } from "./schedule-store";

export const scheduleViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** When it runs, in words: "0 9 * * 1-5 (Europe/Berlin)", "every 1h". */
  when: z.string(),
  input: scheduleSchema.shape.input,
  label: z.string(),
  nextRunAt: z.number().nullable(),
  paused: schedulePauseSchema.nullable(),
  failuresInARow: z.number(),
  runs: z.array(
    z.object({
      at: z.number(),
      jobId: z.string().nullable(),
      /** The job's state now; "deleted" once it is gone. */
      state: z.union([jobStateSchema, z.literal("deleted")]).nullable(),
      skipped: z.string().nullable(),
    }),
  ),
});
export type ScheduleView = z.infer<typeof scheduleViewSchema>;

/** The Schedules page: every schedule, newest first, with its next run and its last runs' outcomes. */
export async function listSchedules(): Promise<ScheduleView[]> {
  return Promise.all((await readSchedules(getQueueRedis())).map(toView));
}

export async function getSchedule(id: string): Promise<ScheduleView | null> {
  const schedule = await readSchedule(getQueueRedis(), id);
  return schedule ? toView(schedule) : null;
}

async function toView(schedule: Schedule): Promise<ScheduleView> {
  const queue = getJobQueue();
  const jobIds = schedule.runs.flatMap((run) => (run.jobId ? [run.jobId] : []));
  const [states, cancellations, nextRunAt] = await Promise.all([
    Promise.all(jobIds.map((id) => queue.getJobState(id))),
    readCancellations(getQueueRedis(), jobIds),
    schedule.paused ? null : nextTickOf(getScheduleQueue(), schedule.id),
  ]);
  const stateOf = new Map(jobIds.map((id, index) => [id, states[index] ?? "unknown"]));
  const { cron, everySeconds, timezone } = schedule.input;
  return {
    id: schedule.id,
    name: schedule.input.name,
    when:
      cron !== undefined
        ? `${cron} (${timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone})`
        : `every ${formatDuration((everySeconds ?? 0) * 1000)}`,
    input: schedule.input,
    label: jobLabel(schedule.input.spec),
    nextRunAt,
    paused: schedule.paused,
    failuresInARow: schedule.failuresInARow,
    runs: schedule.runs.map((run) => {
      const bullState = run.jobId ? stateOf.get(run.jobId) : undefined;
      return {
        at: run.at,
        jobId: run.jobId ?? null,
        state:
          run.jobId === undefined
            ? null
            : bullState === "unknown"
              ? cancellations.has(run.jobId)
                ? "cancelled"
                : "deleted"
              : jobStateOf(bullState ?? "unknown", cancellations.has(run.jobId)),
        skipped: run.skipped ?? null,
      };
    }),
  };
}
