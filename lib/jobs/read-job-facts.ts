import "server-only";
import type { Redis } from "ioredis";
import type { JobData } from "../queue";
import { createdAtOfId, type JobFacts } from "./job-filters";

/** Jobs read per round trip. */
const READ_BATCH = 500;

export interface FactsCandidate {
  id: string;
  /** Its spec when Redis holds no job for it (cancelled before it ran: the cancel record keeps the spec). */
  spec?: JobData;
}

const parse = (text: string | null | undefined): Record<string, unknown> | undefined => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/** What the list's filters and sorts need of each job, read from the jobs' hashes in batches. */
export async function readJobFacts(
  redis: Redis,
  jobKey: (id: string) => string,
  candidates: readonly FactsCandidate[],
): Promise<Map<string, JobFacts>> {
  const facts = new Map<string, JobFacts>();
  for (let start = 0; start < candidates.length; start += READ_BATCH) {
    const batch = candidates.slice(start, start + READ_BATCH);
    const pipeline = redis.pipeline();
    for (const candidate of batch)
      pipeline.hmget(jobKey(candidate.id), "data", "returnvalue", "processedOn", "finishedOn", "progress");
    const replies = (await pipeline.exec()) ?? [];
    batch.forEach((candidate, index) => {
      const [data, returnvalue, processedOn, finishedOn, progress] = (replies[index]?.[1] ?? []) as (
        | string
        | null
      )[];
      const spec = (parse(data) as JobData | undefined) ?? candidate.spec;
      const returned = parse(returnvalue);
      const reported = parse(progress);
      const cost = returned?.costUsd ?? reported?.costUsd;
      facts.set(candidate.id, {
        createdAt: createdAtOfId(candidate.id),
        model: (typeof reported?.model === "string" ? reported.model : undefined) ?? spec?.model ?? null,
        directory: spec?.workingDirectory ?? null,
        tags: spec?.tags ?? [],
        costUsd: typeof cost === "number" ? cost : null,
        durationMs: processedOn && finishedOn ? Number(finishedOn) - Number(processedOn) : null,
      });
    });
  }
  return facts;
}
