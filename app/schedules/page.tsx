import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { ScheduleActions } from "@/components/schedule-actions";
import { StateBadge } from "@/components/state-badge";
import { listSchedules } from "@/lib/schedules/list-schedules";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Schedules" };

/** Every schedule: when it runs, its next run, its last runs with their outcomes, and whether it is paused and why. */
export default async function SchedulesPage() {
  const schedules = await listSchedules();
  return (
    <div className="max-w-5xl space-y-6">
      <AutoRefresh />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Schedules</h1>
        <Link
          href="/jobs/new?run=schedule"
          className="ml-auto rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New schedule
        </Link>
      </div>
      {schedules.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No schedules yet. A schedule submits a job on a cron expression or an interval: make one with New
          schedule, or with Schedule… on a job's page.
        </p>
      ) : (
        <ul className="space-y-4">
          {schedules.map((schedule) => (
            <li
              key={schedule.id}
              id={schedule.id}
              data-testid="schedule"
              className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
            >
              <div className="flex flex-wrap items-start gap-3">
                <div className="min-w-0 flex-1 space-y-1">
                  <h2 className="font-semibold [overflow-wrap:anywhere]">{schedule.name}</h2>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400 [overflow-wrap:anywhere]">
                    <code data-testid="schedule-when" className="font-mono">
                      {schedule.when}
                    </code>{" "}
                    · {schedule.label}
                    {schedule.input.overlap === "allow" ? " · runs may overlap" : ""}
                  </p>
                  <p data-testid="schedule-next" className="text-sm">
                    {schedule.paused ? (
                      <span className="text-amber-800 dark:text-amber-200">{schedule.paused.reason}</span>
                    ) : schedule.nextRunAt ? (
                      `Next run: ${new Date(schedule.nextRunAt).toLocaleString()}`
                    ) : (
                      "Not scheduled"
                    )}
                  </p>
                </div>
                <ScheduleActions id={schedule.id} name={schedule.name} paused={schedule.paused !== null} />
              </div>
              {schedule.runs.length > 0 && (
                <ol aria-label="Last runs" className="space-y-1 text-sm">
                  {schedule.runs.slice(0, 5).map((run) => (
                    <li
                      key={`${run.at}-${run.jobId}`}
                      data-testid="schedule-run"
                      className="flex flex-wrap items-center gap-2"
                    >
                      <span className="text-zinc-500 dark:text-zinc-400">
                        {new Date(run.at).toLocaleString()}
                      </span>
                      {run.jobId && run.state && run.state !== "deleted" ? (
                        <>
                          <StateBadge state={run.state} testId="schedule-run-state" />
                          <Link
                            href={`/jobs/${run.jobId}`}
                            className="font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-300"
                          >
                            {run.jobId}
                          </Link>
                        </>
                      ) : run.jobId ? (
                        <span className="font-mono text-xs">{run.jobId} (deleted)</span>
                      ) : (
                        <span className="text-amber-800 dark:text-amber-200">{run.skipped}</span>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
