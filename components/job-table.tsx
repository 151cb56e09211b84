"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { formatCost, formatDuration, formatRelativeTime } from "@/lib/format";
import {
  isFinished,
  type JobList,
  type JobListQuery,
  type JobListTab,
  type JobSummary,
  jobListTabs,
  LIST_FILTER_FIELDS,
  needsPerson,
} from "@/lib/job-view";
import { attemptStatus } from "@/lib/jobs/attempt-status";
import { BulkActionsBar } from "./bulk-actions-bar";
import { DemoScenarios } from "./demo-scenarios";
import { fetchJson } from "./fetch-json";
import { JobListFilters } from "./job-list-filters";
import { JobRowMenu } from "./job-row-menu";
import { StateBadge } from "./state-badge";
import { useSystemStatus } from "./system-status";
import { useAttention } from "./use-attention";
import { useDocumentTitle } from "./use-document-title";
import { useFavicon } from "./use-favicon";
import { useHiddenSince } from "./use-hidden-since";
import { useJobSelection } from "./use-job-selection";
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

/** The list's tab, search, filters, order and page live in the address, so a reload or a link shows the same view. */
function useListAddress(query: Record<string, string>) {
  const search = addressOf(query);
  useEffect(() => {
    if (window.location.search !== search) window.history.replaceState(null, "", `/${search}`);
  }, [search]);
}

/** A query's fields as an address, leaving out what is as it is by default. */
function addressOf(query: Record<string, string>): string {
  const params = new URLSearchParams(
    Object.entries(query).filter(([key, value]) => value !== "" && value !== LIST_DEFAULTS[key]),
  );
  return params.size > 0 ? `?${params}` : "";
}

const LIST_DEFAULTS: Record<string, string> = { tab: "all", page: "1", sort: "created", order: "desc" };

/** The list's filters and order as the address and the form hold them: text, "" for unset. */
type ListFilters = Record<(typeof LIST_FILTER_FIELDS)[number], string>;

function filtersOf(query: JobListQuery): ListFilters {
  return Object.fromEntries(
    LIST_FILTER_FIELDS.map((field) => [field, query[field] === undefined ? "" : String(query[field])]),
  ) as ListFilters;
}

function filtersOn(filters: ListFilters): boolean {
  return LIST_FILTER_FIELDS.some((field) => field !== "sort" && field !== "order" && filters[field] !== "");
}

/** The filters as a bulk command's query takes them: unset ones left out, costs as numbers. */
function selectionFilters(filters: ListFilters) {
  const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ""));
  return {
    ...given,
    minCost: filters.minCost === "" ? undefined : Number(filters.minCost),
    maxCost: filters.maxCost === "" ? undefined : Number(filters.maxCost),
    sort: (filters.sort || "created") as JobListQuery["sort"],
    order: (filters.order || "desc") as JobListQuery["order"],
  };
}

export function JobTable({ initial, initialQuery }: { initial: JobList; initialQuery: JobListQuery }) {
  const [tab, setTab] = useState<JobListTab>(initialQuery.tab);
  const [search, setSearch] = useState(initialQuery.q);
  const [q, setQ] = useState(initialQuery.q);
  const [page, setPage] = useState(initialQuery.page);
  useEffect(() => {
    const next = search.trim();
    if (next === q) return;
    // A new search starts at its first page.
    const timer = setTimeout(() => {
      setQ(next);
      setPage(1);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, q]);
  const [filters, setFilters] = useState<ListFilters>(() => filtersOf(initialQuery));
  const changeFilters = (next: ListFilters) => {
    setFilters(next);
    setPage(1);
  };
  const address = { tab, q, page: String(page), ...filters };
  useListAddress(address);
  const hiddenSince = useHiddenSince();
  const isInitial =
    hiddenSince === undefined &&
    tab === initialQuery.tab &&
    q === initialQuery.q &&
    page === initialQuery.page &&
    addressOf(filters) === addressOf(filtersOf(initialQuery));
  const { data, error } = useQuery({
    queryKey: ["jobs", "list", address, hiddenSince],
    queryFn: () =>
      fetchJson<JobList>(
        `/api/jobs?${new URLSearchParams({ ...Object.fromEntries(Object.entries(address).filter(([, value]) => value !== "")), ...(hiddenSince === undefined ? {} : { failedSince: String(hiddenSince) }) })}`,
      ),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const jobs = data?.jobs ?? [];
  const { data: status } = useSystemStatus();
  const demo = status?.workers.some((worker) => worker.cli.demo) ?? false;
  const running = data?.counts.active ?? 0;
  const unseenFailures = hiddenSince === undefined ? 0 : (data?.newFailures ?? 0);
  const waiting = useAttention().data?.needYou.length ?? jobs.filter(needsPerson).length;
  const glance = [
    waiting > 0 ? `${waiting} ${waiting === 1 ? "needs" : "need"} you` : "",
    running > 0 ? `${running} running` : "",
    unseenFailures > 0 ? `${unseenFailures} failed` : "",
  ];
  useDocumentTitle(glance.some(Boolean) ? `Jobs (${glance.filter(Boolean).join(", ")})` : "Jobs");
  useFavicon({ running, failed: unseenFailures, needYou: waiting });
  const now = useNow(jobs.some((job) => job.state === "active" || job.state === "delayed"));
  const selection = useJobSelection();
  const { clear: clearSelection } = selection;
  // A choice is of the jobs shown: another tab, search or page starts none.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the choice is cleared whenever what is shown changes
  useEffect(() => clearSelection(), [tab, q, page, addressOf(filters)]);
  const pageIds = jobs.map((job) => job.id);
  const pageChosen = pageIds.filter((id) => selection.isSelected(id)).length;
  const chooseTab = (name: JobListTab) => {
    setTab(name);
    setPage(1);
  };

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div
          role="tablist"
          aria-label="Job states"
          className="flex flex-wrap gap-1"
          onKeyDown={(event) => {
            // One tab stop for the tabs; the arrow keys, Home and End move between them (the ARIA tabs pattern).
            const at = jobListTabs.indexOf(tab);
            const next =
              event.key === "ArrowRight"
                ? (at + 1) % jobListTabs.length
                : event.key === "ArrowLeft"
                  ? (at - 1 + jobListTabs.length) % jobListTabs.length
                  : event.key === "Home"
                    ? 0
                    : event.key === "End"
                      ? jobListTabs.length - 1
                      : undefined;
            if (next === undefined) return;
            event.preventDefault();
            const name = jobListTabs[next] as JobListTab;
            chooseTab(name);
            document.querySelector<HTMLElement>(`[data-testid="tab-${name}"]`)?.focus();
          }}
        >
          {jobListTabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              tabIndex={tab === name ? 0 : -1}
              data-testid={`tab-${name}`}
              onClick={() => chooseTab(name)}
              className={`rounded-md px-2.5 py-1 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-zinc-950 ${tab === name ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-900"}`}
            >
              {TAB_LABELS[name]} <span className="tabular-nums">{data?.counts[name] ?? "…"}</span>
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
      <JobListFilters filters={filters} onChange={changeFilters} />
      <BulkActionsBar
        selection={selection}
        total={data?.total ?? 0}
        pageCount={jobs.length}
        query={{ tab, q, ...selectionFilters(filters) }}
      />
      {(tab === "cancelled" || tab === "failed") && (
        <p data-testid="queue-count-note" className="mb-3 text-xs text-zinc-600 dark:text-zinc-400">
          The Queue view (bull-board) counts cancelled jobs as failed, as BullMQ does: its Retry all runs them
          again.
        </p>
      )}
      {error && (
        <p
          role="alert"
          className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error.message}
        </p>
      )}
      {jobs.length === 0 && (tab !== "all" || q !== "" || filtersOn(filters)) ? (
        <p className="py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">
          No {tab === "all" ? "" : `${TAB_LABELS[tab].toLowerCase()} `}jobs{q ? ` matching “${q}”` : ""}
          {filtersOn(filters) ? " with these filters" : ""}.
        </p>
      ) : jobs.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
          <p className="mb-4 text-zinc-600 dark:text-zinc-400">
            No jobs yet. Give Claude a task to run in the background.
          </p>
          {status &&
            !demo &&
            status.workers.length > 0 &&
            status.workers.every((worker) => worker.cli.credentials === "none") && (
              <p
                data-testid="no-credentials-hint"
                className="mx-auto mb-4 max-w-xl text-sm text-amber-800 dark:text-amber-300"
              >
                The workers have no credentials for the Claude API yet, so a job would fail to authenticate:
                set ANTHROPIC_API_KEY for the worker and restart it, or try the dashboard with{" "}
                <code>npm run demo</code>.
              </p>
            )}
          <Link
            href="/jobs/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
          >
            New job
          </Link>
          {demo && <DemoScenarios />}
        </div>
      ) : (
        <>
          {/* On a phone each row is a card: state and duration, then the whole title; the other columns wait for room. */}
          <table className="w-full text-left text-sm max-sm:block">
            <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:text-zinc-400 max-sm:hidden dark:border-zinc-800">
              <tr>
                <th className="w-8 py-2 pr-2 font-medium">
                  <input
                    type="checkbox"
                    aria-label="Choose every job on this page"
                    checked={pageChosen > 0 && pageChosen === pageIds.length}
                    ref={(box) => {
                      if (box) box.indeterminate = pageChosen > 0 && pageChosen < pageIds.length;
                    }}
                    onChange={(event) => selection.setPage(pageIds, event.target.checked)}
                  />
                </th>
                <th className="py-2 pr-3 font-medium">State</th>
                <th className="py-2 pr-3 font-medium">Job</th>
                <th className="hidden py-2 pr-3 font-medium sm:table-cell">Turns</th>
                <th className="hidden py-2 pr-3 font-medium sm:table-cell">Cost</th>
                <th className="py-2 pr-3 font-medium">Duration</th>
                <th className="hidden py-2 pr-3 font-medium md:table-cell">Started</th>
                <th className="hidden py-2 pr-3 font-medium lg:table-cell">Directory</th>
                <th className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="max-sm:block">
              {jobs.map((job) => (
                <JobRow
                  key={job.id}
                  job={job}
                  now={now}
                  chosen={selection.isSelected(job.id)}
                  onChoose={(shift) => selection.click(job.id, shift, pageIds)}
                />
              ))}
            </tbody>
          </table>
          {data && <Pagination list={data} onPage={setPage} />}
        </>
      )}
    </div>
  );
}

function Pagination({ list, onPage }: { list: JobList; onPage: (page: number) => void }) {
  const pageCount = Math.max(1, Math.ceil(list.total / list.pageSize));
  const first = (list.page - 1) * list.pageSize + 1;
  const last = Math.min(list.total, list.page * list.pageSize);
  const button =
    "rounded-md border border-zinc-300 px-2.5 py-1 disabled:opacity-40 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";
  return (
    <nav
      aria-label="Pages"
      className="mt-3 flex items-center justify-end gap-2 text-sm text-zinc-600 dark:text-zinc-400"
    >
      <span data-testid="page-range" className="tabular-nums">
        {first}–{last} of {list.total.toLocaleString("en")}
      </span>
      {pageCount > 1 && (
        <>
          <button
            type="button"
            className={button}
            disabled={list.page <= 1}
            onClick={() => onPage(list.page - 1)}
          >
            Newer
          </button>
          <button
            type="button"
            className={button}
            disabled={list.page >= pageCount}
            onClick={() => onPage(list.page + 1)}
          >
            Older
          </button>
        </>
      )}
    </nav>
  );
}

function JobRow({
  job,
  now,
  chosen,
  onChoose,
}: {
  job: JobSummary;
  now: number;
  chosen: boolean;
  /** `shift`: the Shift key was down, for a range. */
  onChoose: (shift: boolean) => void;
}) {
  const status = attemptStatus(job.attempt, job.state, now, job.hold);
  const duration = job.startedAt ? (job.finishedAt ?? now) - job.startedAt : undefined;
  const directory = job.workingDirectory ?? (job.parentJobId ? "parent's directory" : "scratch workspace");
  return (
    <tr
      data-testid="job-row"
      data-job-id={job.id}
      className="border-b border-zinc-100 hover:bg-zinc-50 max-sm:grid max-sm:grid-cols-[1fr_auto_auto] max-sm:items-center max-sm:gap-x-2 max-sm:py-2 dark:border-zinc-900 dark:hover:bg-zinc-900"
    >
      <td className="w-8 py-2 pr-2 max-sm:hidden">
        <input
          type="checkbox"
          aria-label={`Choose ${job.label}`}
          checked={chosen}
          onChange={() => {}}
          onClick={(event) => onChoose(event.shiftKey)}
        />
      </td>
      <td className="py-2 pr-3 max-sm:col-start-1 max-sm:row-start-1 max-sm:py-0">
        <span className="inline-flex items-center gap-1">
          <StateBadge state={job.state} needsYou={needsPerson(job)} />
          {job.state === "completed" && (job.progress?.refusals ?? 0) > 0 && (
            <span
              data-testid="refusal-mark"
              role="img"
              aria-label={`${job.progress?.refusals} tool call(s) refused`}
              title={`Completed, but the permission mode refused ${job.progress?.refusals} tool call(s): some work was not done`}
              className="text-amber-600 dark:text-amber-400"
            >
              ⚠
            </span>
          )}
        </span>
      </td>
      <td className="py-2 pr-3 max-sm:col-span-2 max-sm:row-start-2 max-sm:pb-0 max-sm:pt-1 sm:max-w-md">
        <Link
          href={`/jobs/${job.id}`}
          title={`${job.prompt}\n\nCreated ${new Date(job.createdAt).toLocaleString()}`}
          suppressHydrationWarning
          className="block truncate hover:underline max-sm:line-clamp-2 max-sm:whitespace-normal max-sm:break-words"
        >
          {job.label}
        </Link>
        {job.tags.length > 0 && (
          <p className="mt-0.5 flex flex-wrap gap-1">
            {job.tags.map((tag) => (
              <span
                key={tag}
                data-testid="job-tag"
                className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              >
                {tag}
              </span>
            ))}
          </p>
        )}
        {job.state === "active" && job.progress?.currentTool && (
          <p data-testid="job-current-step" className="truncate text-xs text-blue-800 dark:text-blue-300">
            {job.progress.currentTool}
            {job.progress.currentToolInput ? ` · ${job.progress.currentToolInput}` : ""}
          </p>
        )}
        {status && (
          // "Runs in 60 minutes" on the server may be "in 59" by the time the browser hydrates it.
          <p
            data-testid="job-attempt"
            suppressHydrationWarning
            className="truncate text-xs text-zinc-600 dark:text-zinc-400"
          >
            {status}
          </p>
        )}
        {(job.state === "failed" || job.state === "cancelled") && job.failedReason && (
          <p
            data-testid="job-reason"
            title={job.failedReason}
            className={`truncate text-xs ${job.state === "failed" ? "text-red-700 dark:text-red-300" : "text-amber-800 dark:text-amber-300"}`}
          >
            {job.failedReason}
          </p>
        )}
      </td>
      <td className="hidden py-2 pr-3 tabular-nums sm:table-cell">{job.progress?.turns ?? "—"}</td>
      <td className="hidden py-2 pr-3 tabular-nums sm:table-cell">{formatCost(job.progress?.costUsd)}</td>
      {/* Times depend on the clock and time zone: the server's rendering of them may differ from the browser's. */}
      <td
        className="py-2 pr-3 tabular-nums max-sm:col-start-2 max-sm:row-start-1 max-sm:py-0 max-sm:text-xs max-sm:text-zinc-600 dark:max-sm:text-zinc-400"
        suppressHydrationWarning
      >
        {duration === undefined ? "—" : formatDuration(duration)}
      </td>
      <td
        className="hidden py-2 pr-3 text-zinc-500 dark:text-zinc-400 md:table-cell"
        title={job.startedAt ? new Date(job.startedAt).toLocaleString() : undefined}
        suppressHydrationWarning
      >
        {job.startedAt
          ? formatRelativeTime(job.startedAt, now)
          : isFinished(job.state)
            ? "never ran"
            : "not yet"}
      </td>
      <td
        data-testid="job-directory"
        className={`hidden max-w-[14rem] truncate py-2 pr-3 lg:table-cell ${job.workingDirectory ? "font-mono text-xs" : "text-zinc-500 dark:text-zinc-400"}`}
        title={job.workingDirectory ?? undefined}
      >
        {directory}
      </td>
      <td className="py-2 text-right max-sm:col-start-3 max-sm:row-span-2 max-sm:row-start-1 max-sm:py-0">
        <JobRowMenu job={job} />
      </td>
    </tr>
  );
}
