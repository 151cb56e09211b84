import "server-only";
import type { Job } from "bullmq";
import { type Cancellation, readAllCancellations } from "../cancellations";
import {
  JOB_LIST_PAGE_SIZE,
  type JobList,
  type JobListQuery,
  type JobListTab,
  type JobState,
  jobListQuerySchema,
} from "../job-view";
import { getJobQueue, getQueueRedis, type JobData } from "../queue";
import type { JobHold } from "./job-hold";
import { cancelledSummary, toJobSummary } from "./job-summary";
import { readDelays } from "./read-due-times";
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

/** The ids of every job of a tab that matches a search, newest first: what "select all" of the list means. */
export async function listMatchingJobIds(query: Pick<JobListQuery, "tab" | "q">): Promise<string[]> {
  return (await findJobs(query)).matching.map((entry) => entry.id);
}

/** Every job the search finds (for the tabs' counts), and those of the tab too, newest first. */
async function findJobs(query: Pick<JobListQuery, "tab" | "q">) {
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
  const found = query.q ? await searchEntries(entries, query.q.toLowerCase()) : entries;
  const matching = found.filter((entry) => inTab(entry.state, query.tab));
  matching.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { found, matching, cancellations };
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
