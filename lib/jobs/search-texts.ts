import "server-only";
import type { Redis } from "ioredis";
import { jobLabel } from "../job-spec";
import type { JobData } from "../queue";

/** Each job's searchable text is kept to this many characters; a longer prompt's rest is read when a search needs it. */
const KEPT_CHARS = 4000;
/** Job data is read this many jobs per round trip when texts are not known yet. */
const READ_BATCH = 500;

interface SearchText {
  /** Title and prompt, lowercased, at most KEPT_CHARS. */
  text: string;
  /** Whether `text` is all of it. */
  whole: boolean;
}

/**
 * What the job list's search looks in, per job, kept by this process: a job's title and prompt never change, so each
 * is read from Redis once, not at every search. Texts of jobs no longer listed are dropped at the next search.
 */
const known = new Map<string, SearchText>();

/** All a search looks in for a job: its title and its prompt, lowercased. */
function wholeText(spec: JobData): string {
  return `${jobLabel(spec)}\n${spec.prompt}`.toLowerCase();
}

function searchTextOf(spec: JobData): SearchText {
  const text = wholeText(spec);
  return { text: text.slice(0, KEPT_CHARS), whole: text.length <= KEPT_CHARS };
}

function parseSpec(data: unknown): JobData | undefined {
  if (typeof data !== "string") return undefined;
  try {
    return JSON.parse(data) as JobData;
  } catch {
    return undefined;
  }
}

export interface SearchCandidate {
  id: string;
  /** Its spec when Redis holds no job for it (cancelled before it ran: the cancel record keeps the spec). */
  spec?: JobData;
}

/** The candidates whose title or prompt contains `words` (lowercase), in their order. */
export async function searchJobs(
  redis: Redis,
  jobKey: (id: string) => string,
  candidates: readonly SearchCandidate[],
  words: string,
): Promise<SearchCandidate[]> {
  const listed = new Set(candidates.map((candidate) => candidate.id));
  for (const id of known.keys()) if (!listed.has(id)) known.delete(id);
  const unknown = candidates.filter((candidate) => !known.has(candidate.id));
  for (const batch of batches(unknown)) {
    const specs = await readSpecs(redis, jobKey, batch);
    batch.forEach((candidate, index) => {
      const spec = specs[index] ?? candidate.spec;
      if (spec) known.set(candidate.id, searchTextOf(spec));
    });
  }
  const found: SearchCandidate[] = [];
  const toReadWhole: SearchCandidate[] = [];
  for (const candidate of candidates) {
    const search = known.get(candidate.id);
    if (!search) continue;
    if (search.text.includes(words)) found.push(candidate);
    else if (!search.whole) toReadWhole.push(candidate);
  }
  // A long prompt may hold the words past what is kept: those few are read whole.
  for (const batch of batches(toReadWhole)) {
    const specs = await readSpecs(redis, jobKey, batch);
    batch.forEach((candidate, index) => {
      const spec = specs[index] ?? candidate.spec;
      if (spec && wholeText(spec).includes(words)) found.push(candidate);
    });
  }
  return found;
}

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += READ_BATCH)
    result.push(items.slice(start, start + READ_BATCH));
  return result;
}

async function readSpecs(
  redis: Redis,
  jobKey: (id: string) => string,
  batch: readonly SearchCandidate[],
): Promise<(JobData | undefined)[]> {
  const pipeline = redis.pipeline();
  for (const candidate of batch) pipeline.hget(jobKey(candidate.id), "data");
  const replies = (await pipeline.exec()) ?? [];
  return batch.map((_, index) => parseSpec(replies[index]?.[1]));
}
