import "server-only";
import { countCancellations, readCancellations, readRemovedCancellations } from "../cancellations";
import type { JobList, JobListQuery, JobListTab, JobSummary } from "../job-view";
import { getJobQueue, getQueueRedis } from "../queue";
import { cancelledSummary, toJobSummary } from "./job-summary";

const BULLMQ_STATES = ["active", "waiting", "prioritized", "delayed", "completed", "failed"] as const;
type BullmqState = (typeof BULLMQ_STATES)[number];

/** The BullMQ states behind each tab; cancelled jobs are failed ones with a record, or records alone. */
const TAB_STATES: Record<Exclude<JobListTab, "all" | "cancelled">, BullmqState[]> = {
  active: ["active"],
  waiting: ["waiting", "prioritized"],
  delayed: ["delayed"],
  completed: ["completed"],
  failed: ["failed"],
};

/** The newest jobs of a tab, newest first, matching the search; with every tab's count. */
export async function listJobs(query: JobListQuery = { tab: "all", q: "" }, limit = 100): Promise<JobList> {
  const queue = getJobQueue();
  const redis = getQueueRedis();
  // Jobs cancelled while they ran are failed ones in BullMQ; the rest of the cancelled are records alone.
  const states: readonly BullmqState[] =
    query.tab === "all" ? BULLMQ_STATES : query.tab === "cancelled" ? ["failed"] : TAB_STATES[query.tab];
  // One read per state, so each job is known with its state without another round trip per job.
  const perState = await Promise.all(
    states.map(async (state) => {
      const jobs = (await queue.getJobs([state], 0, limit - 1)).filter(Boolean);
      // A cancelled active job ends failed in BullMQ; the cancel record says what it really is.
      const cancelled =
        state === "failed"
          ? await readCancellations(
              redis,
              jobs.map((job) => job.id as string),
            )
          : new Map();
      return jobs.map((job) => toJobSummary(job, cancelled.has(job.id as string) ? "cancelled" : state));
    }),
  );
  const removed: JobSummary[] =
    query.tab === "all" || query.tab === "cancelled"
      ? (await readRemovedCancellations(redis))
          .slice(0, limit)
          .map(([id, cancellation]) => cancelledSummary(id, cancellation))
      : [];
  const inTab = (job: JobSummary) =>
    query.tab === "all" ||
    (query.tab === "cancelled" ? job.state === "cancelled" : job.state !== "cancelled");
  const words = query.q.toLowerCase();
  const matches = (job: JobSummary) =>
    !words || job.label.toLowerCase().includes(words) || job.prompt.toLowerCase().includes(words);
  const jobs = [...perState.flat(), ...removed]
    .filter((job) => inTab(job) && matches(job))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit);
  return { jobs, counts: await countTabs() };
}

async function countTabs(): Promise<JobList["counts"]> {
  const [counts, cancellations] = await Promise.all([
    getJobQueue().getJobCounts(...BULLMQ_STATES),
    countCancellations(getQueueRedis()),
  ]);
  const n = (state: string) => counts[state] ?? 0;
  // Jobs cancelled while they ran are failed in BullMQ: they count as cancelled, not failed.
  const failed = Math.max(0, n("failed") - cancellations.whileRunning);
  const cancelled = cancellations.whileRunning + cancellations.removed;
  const tabs = {
    active: n("active"),
    waiting: n("waiting") + n("prioritized"),
    delayed: n("delayed"),
    completed: n("completed"),
    failed,
    cancelled,
  };
  return { all: Object.values(tabs).reduce((sum, count) => sum + count, 0), ...tabs };
}
