"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCost, formatDuration, formatRelativeTime } from "@/lib/format";
import type { JobList, JobSummary } from "@/lib/job-view";
import { fetchJson } from "./fetch-json";
import { StateBadge } from "./state-badge";
import { useNow } from "./use-now";

export function JobTable({ initial }: { initial: JobList }) {
  const { data, error } = useQuery({
    queryKey: ["jobs", "list"],
    queryFn: () => fetchJson<JobList>("/api/jobs"),
    initialData: initial,
  });
  const jobs = data.jobs;
  const now = useNow(jobs.some((job) => job.state === "active"));

  return (
    <div>
      {error && (
        <p
          role="alert"
          className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error.message}
        </p>
      )}
      {jobs.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
          <p className="mb-4 text-zinc-600 dark:text-zinc-400">
            No jobs yet. Give Claude a task to run in the background.
          </p>
          <Link
            href="/jobs/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
          >
            New job
          </Link>
        </div>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr>
              <th className="py-2 pr-3 font-medium">State</th>
              <th className="py-2 pr-3 font-medium">Job</th>
              <th className="py-2 pr-3 font-medium">Turns</th>
              <th className="py-2 pr-3 font-medium">Cost</th>
              <th className="py-2 pr-3 font-medium">Duration</th>
              <th className="py-2 font-medium">Created</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} now={now} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function JobRow({ job, now }: { job: JobSummary; now: number }) {
  const duration = job.startedAt ? (job.finishedAt ?? now) - job.startedAt : undefined;
  return (
    <tr
      data-testid="job-row"
      data-job-id={job.id}
      className="border-b border-zinc-100 hover:bg-zinc-50 dark:border-zinc-900 dark:hover:bg-zinc-900"
    >
      <td className="py-2 pr-3">
        <StateBadge state={job.state} />
      </td>
      <td className="max-w-md truncate py-2 pr-3">
        <Link href={`/jobs/${job.id}`} className="hover:underline">
          {job.label}
        </Link>
      </td>
      <td className="py-2 pr-3 tabular-nums">{job.progress?.turns ?? "—"}</td>
      <td className="py-2 pr-3 tabular-nums">{formatCost(job.progress?.costUsd)}</td>
      <td className="py-2 pr-3 tabular-nums">{duration === undefined ? "—" : formatDuration(duration)}</td>
      <td className="py-2 text-zinc-500" title={new Date(job.createdAt).toLocaleString()}>
        {formatRelativeTime(job.createdAt, now)}
      </td>
    </tr>
  );
}
