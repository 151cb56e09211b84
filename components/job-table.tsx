"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { formatCost, formatDuration, formatRelativeTime } from "@/lib/format";
import { type JobList, type JobListTab, type JobSummary, jobListTabs } from "@/lib/job-view";
import { fetchJson } from "./fetch-json";
import { StateBadge } from "./state-badge";
import { useNow } from "./use-now";

const TAB_LABELS: Record<JobListTab, string> = {
  all: "All",
  active: "Active",
  waiting: "Waiting",
  delayed: "Delayed",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Typing settles for this long before the list is asked again. */
const SEARCH_DEBOUNCE_MS = 250;

export function JobTable({ initial }: { initial: JobList }) {
  const [tab, setTab] = useState<JobListTab>("all");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const { data, error } = useQuery({
    queryKey: ["jobs", "list", tab, q],
    queryFn: () => fetchJson<JobList>(`/api/jobs?${new URLSearchParams({ tab, q })}`),
    initialData: tab === "all" && q === "" ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const jobs = data?.jobs ?? [];
  const now = useNow(jobs.some((job) => job.state === "active"));

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div role="tablist" aria-label="Job states" className="flex flex-wrap gap-1">
          {jobListTabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              data-testid={`tab-${name}`}
              onClick={() => setTab(name)}
              className={`rounded-md px-2.5 py-1 text-sm ${tab === name ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-900"}`}
            >
              {TAB_LABELS[name]} <span className="tabular-nums opacity-70">{data?.counts[name] ?? "…"}</span>
            </button>
          ))}
        </div>
        <input
          type="search"
          aria-label="Search jobs"
          placeholder="Search titles and prompts"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="ml-auto w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm sm:w-64 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      {error && (
        <p
          role="alert"
          className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error.message}
        </p>
      )}
      {jobs.length === 0 && (tab !== "all" || q !== "") ? (
        <p className="py-10 text-center text-sm text-zinc-500">
          No {tab === "all" ? "" : `${TAB_LABELS[tab].toLowerCase()} `}jobs{q ? ` matching “${q}”` : ""}.
        </p>
      ) : jobs.length === 0 ? (
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
        <Link href={`/jobs/${job.id}`} title={job.prompt} className="hover:underline">
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
