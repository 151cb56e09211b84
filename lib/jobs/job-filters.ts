import type { JobListQuery } from "../job-view";

/** What the list's filters and sorts look at, per job. */
export interface JobFacts {
  createdAt: number;
  model: string | null;
  directory: string | null;
  tags: readonly string[];
  costUsd: number | null;
  durationMs: number | null;
}

export type JobFilters = Pick<
  JobListQuery,
  "model" | "directory" | "tag" | "minCost" | "maxCost" | "sort" | "order"
> & { fromMs?: number; toMs?: number };

/** Whether the filters need more of a job than its id (which holds its creation time). */
export function needsFacts(filters: JobFilters): boolean {
  return (
    filters.model !== undefined ||
    filters.directory !== undefined ||
    filters.tag !== undefined ||
    filters.minCost !== undefined ||
    filters.maxCost !== undefined ||
    filters.sort !== "created"
  );
}

/** A job id's first 9 characters are its creation time in ms, base 36 (see newJobId). */
export function createdAtOfId(id: string): number {
  return Number.parseInt(id.slice(0, 9), 36);
}

export function matchesFilters(facts: JobFacts, filters: JobFilters): boolean {
  const contains = (value: string | null, part: string | undefined) =>
    part === undefined || (value ?? "").toLowerCase().includes(part.toLowerCase());
  if (filters.fromMs !== undefined && facts.createdAt < filters.fromMs) return false;
  if (filters.toMs !== undefined && facts.createdAt >= filters.toMs) return false;
  if (!contains(facts.model, filters.model)) return false;
  if (filters.directory !== undefined) {
    const scratch = filters.directory.toLowerCase() === "scratch";
    if (scratch ? facts.directory !== null : !contains(facts.directory, filters.directory)) return false;
  }
  if (filters.tag !== undefined && !facts.tags.includes(filters.tag)) return false;
  if (filters.minCost !== undefined && (facts.costUsd ?? 0) < filters.minCost) return false;
  if (filters.maxCost !== undefined && (facts.costUsd ?? 0) > filters.maxCost) return false;
  return true;
}

/** A job as far as sorting goes: its id (its creation time), and the facts read when the order needs them. */
type SortedJob = { id: string } & Partial<Pick<JobFacts, "costUsd" | "durationMs">>;

/** The list's order: by the chosen fact, the newest first among equals; a job without the fact last, either way. */
export function compareJobs(filters: Pick<JobFilters, "sort" | "order">) {
  const direction = filters.order === "asc" ? 1 : -1;
  return (a: SortedJob, b: SortedJob): number => {
    const newestFirst = a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
    if (filters.sort === "created") return filters.order === "asc" ? -newestFirst : newestFirst;
    const value = (job: SortedJob) => (filters.sort === "cost" ? job.costUsd : job.durationMs) ?? null;
    const [left, right] = [value(a), value(b)];
    if (left === null || right === null) return left === right ? newestFirst : left === null ? 1 : -1;
    return (left - right) * direction || newestFirst;
  };
}
