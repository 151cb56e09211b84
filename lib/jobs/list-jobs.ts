import "server-only";
import type { Job } from "bullmq";
import { type Cancellation, readAllCancellations } from "../cancellations";
import { getConfig } from "../config";
import {
  JOB_LIST_PAGE_SIZE,
  type JobList,
  type JobListQuery,
  type JobListTab,
  type JobState,
  jobListQuerySchema,
} from "../job-view";
import { getJobQueue, getQueueRedis, type JobData } from "../queue";
import { startOfDay, startOfNextDay } from "../usage/usage-day";
import { compareJobs, createdAtOfId, type JobFilters, matchesFilters, needsFacts } from "./job-filters";
import type { JobHold } from "./job-hold";
import { cancelledSummary, toJobSummary } from "./job-summary";
import { readDelays } from "./read-due-times";
import { readJobFacts } from "./read-job-facts";
import { searchJobs } from "./search-texts";

const BULLMQ_STATES = ["active", "waiting", "prioritized", "delayed", "completed", "failed"] as const;

interface Entry {
  id: string;
  state: JobState;
  cancellation?: Cancellation;
}

/**
 * One page of a tab's jobs, newest first, matching the search; with every tab's count of jobs matching it.
 *
 * Only ids are read for the whole queue (one range per state): ids sort by creation time, so ordering and counting
 * need nothing more, and whole jobs are loaded for the page alone. A search reads every candidate's spec, in batches.
 */
export async function listJobs(
  request: Partial<JobListQuery> = {},
  pageSize = JOB_LIST_PAGE_SIZE,
): Promise<JobList> {
  const query = jobListQuerySchema.parse(request);
  const queue = getJobQueue();
  const [{ found, matching, cancellations }, failedSince] = await Promise.all([
    findJobs(query),
    // BullMQ scores its failed set by the time each job failed.
    query.failedSince === undefined
      ? []
      : getQueueRedis().zrangebyscore(queue.toKey("failed"), `(${query.failedSince}`, "+inf"),
  ]);
  // The tabs count what the search finds: "Failed 2" above a search means two failed jobs match it.
  const counts = countTabs(found);
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(query.page, pageCount);
  const slice = matching.slice((page - 1) * pageSize, page * pageSize);
  const { dueTimes, holds } = await readDelays(
    slice.filter((entry) => entry.state === "delayed").map((entry) => entry.id),
  );
  const jobs = await Promise.all(
    slice.map((entry) => loadSummary(entry, dueTimes.get(entry.id) ?? null, holds.get(entry.id) ?? null)),
  );
  return {
    jobs: jobs.filter((job) => job !== null),
    counts,
    total: matching.length,
    page,
    pageSize,
    // A cancelled job ends failed in BullMQ too: it is no failure.
    newFailures: failedSince.filter((id) => !cancellations.has(id)).length,
  };
}

/** The list's query as far as it picks jobs: the tab, the search and the filters, without the page. */
export type JobListSelection = Pick<JobListQuery, "tab" | "q"> &
  Partial<Omit<JobListQuery, "tab" | "q" | "page">>;

/** The ids of every job of a tab that matches a search and the filters, in the list's order: "select all". */
export async function listMatchingJobIds(query: JobListSelection): Promise<string[]> {
  return (await findJobs(query)).matching.map((entry) => entry.id);
}

/** Every job the search and the filters find (for the tabs' counts), and those of the tab too, in the list's order. */
async function findJobs(query: JobListSelection) {
  const queue = getJobQueue();
  const [ranges, cancellations] = await Promise.all([
    Promise.all(BULLMQ_STATES.map((state) => queue.getRanges([state], 0, -1))),
    readAllCancellations(getQueueRedis()),
  ]);
  const entries: Entry[] = [];
  const queued = new Set<string>();
  BULLMQ_STATES.forEach((state, index) => {
    for (const id of ranges[index] ?? []) {
      queued.add(id);
      const cancellation = state === "failed" ? cancellations.get(id) : undefined;
      // A cancelled active job ends failed in BullMQ; the cancel record says what it really is.
      entries.push({ id, state: cancellation ? "cancelled" : state, cancellation });
    }
  });
  for (const [id, cancellation] of cancellations) {
    // Cancelled before it ran: the queue no longer has it, only the record does.
    if (cancellation.removed && !queued.has(id)) entries.push({ id, state: "cancelled", cancellation });
  }
  const searched = query.q ? await searchEntries(entries, query.q.toLowerCase()) : entries;
  const found = await filterEntries(searched, filtersOf(query));
  const matching = found.filter((entry) => inTab(entry.state, query.tab));
  return { found, matching, cancellations };
}

function filtersOf(query: JobListSelection): JobFilters {
  const { usageTimeZone } = getConfig();
  const bound = (value: string | undefined, next: boolean) => {
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value)) return Number(value);
    const start = startOfDay(value, usageTimeZone);
    return next ? startOfNextDay(start, usageTimeZone) : start;
  };
  return {
    model: query.model || undefined,
    directory: query.directory || undefined,
    tag: query.tag || undefined,
    minCost: query.minCost,
    maxCost: query.maxCost,
    sort: query.sort ?? "created",
    order: query.order ?? "desc",
    fromMs: bound(query.from, false),
    toMs: bound(query.to, true),
  };
}

/** The entries the filters keep, in their order: from the ids alone when they can, else from the jobs' data. */
async function filterEntries(entries: Entry[], filters: JobFilters): Promise<Entry[]> {
  const byTime = entries.filter((entry) =>
    matchesFilters(
      {
        createdAt: createdAtOfId(entry.id),
        model: null,
        directory: null,
        tags: [],
        costUsd: null,
        durationMs: null,
      },
      { sort: filters.sort, order: filters.order, fromMs: filters.fromMs, toMs: filters.toMs },
    ),
  );
  if (!needsFacts(filters)) return byTime.sort(compareJobs(filters));
  const queue = getJobQueue();
  const facts = await readJobFacts(
    getQueueRedis(),
    (id) => queue.toKey(id),
    byTime.map((entry) => ({ id: entry.id, spec: entry.cancellation?.removed?.spec })),
  );
  return byTime
    .flatMap((entry) => {
      const known = facts.get(entry.id);
      return known && matchesFilters(known, filters) ? [{ entry, id: entry.id, ...known }] : [];
    })
    .sort(compareJobs(filters))
    .map(({ entry }) => entry);
}

function inTab(state: JobState, tab: JobListTab): boolean {
  if (tab === "all") return true;
  if (tab === "waiting") return state === "waiting" || state === "prioritized";
  return state === tab;
}

function countTabs(entries: Entry[]): JobList["counts"] {
  const counts: JobList["counts"] = {
    all: entries.length,
    active: 0,
    waiting: 0,
    delayed: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const { state } of entries) {
    const tab = state === "prioritized" ? "waiting" : state;
    if (tab in counts) counts[tab as JobListTab] += 1;
  }
  return counts;
}

/** The entries whose title or prompt contains the words (see search-texts.ts: each job's text is read once). */
async function searchEntries(entries: Entry[], words: string): Promise<Entry[]> {
  const queue = getJobQueue();
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const found = await searchJobs(
    getQueueRedis(),
    (id) => queue.toKey(id),
    entries.map((entry) => ({ id: entry.id, spec: entry.cancellation?.removed?.spec })),
    words,
  );
  return found.flatMap((candidate) => byId.get(candidate.id) ?? []);
}

async function loadSummary(entry: Entry, dueAt: number | null, hold: JobHold | null) {
  if (entry.cancellation?.removed) return cancelledSummary(entry.id, entry.cancellation);
  // A job can finish or be deleted between reading the ids and loading it; the page then shows one fewer.
  const job: Job<JobData> | undefined = await getJobQueue().getJob(entry.id);
  return job ? toJobSummary(job, entry.state, dueAt, hold) : null;
}
