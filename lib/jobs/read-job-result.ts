import "server-only";
import { readFile } from "node:fs/promises";
import { getConfig } from "../config";
import { jobPaths } from "../job-paths";
import { type JobResult, jobResultSchema } from "../job-result";
import { getQueueRedis } from "../queue";
import { readRunRecord } from "../runs/run-record";

/** result.json, or, when a full or read-only disk refused it, the copy the job's run record keeps in Redis. */
export async function readJobResult(jobId: string): Promise<JobResult | null> {
  try {
    const file = jobPaths(getConfig().dataDir, jobId).result;
    return jobResultSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return (await readRunRecord(getQueueRedis(), jobId))?.result ?? null;
  }
}
