import "server-only";
import { readFile } from "node:fs/promises";
import { getConfig } from "../config";
import { listWorkspaceFiles } from "../job-files";
import { jobPaths } from "../job-paths";
import { type JobResult, jobResultSchema } from "../job-result";
import { type JobDetail, type JobState, jobStateSchema } from "../job-view";
import { getJobQueue } from "../queue";
import { toJobSummary } from "./job-summary";

/** A job with its spec, result and workspace files, or null when there is no such job. */
export async function getJobDetail(id: string): Promise<JobDetail | null> {
  const queue = getJobQueue();
  const job = await queue.getJob(id);
  if (!job) return null;
  const stateName = await job.getState();
  const state: JobState = jobStateSchema.safeParse(stateName).data ?? "unknown";
  const paths = jobPaths(getConfig().dataDir, id);
  const [result, files] = await Promise.all([readResult(paths.result), listWorkspaceFiles(paths.workspace)]);
  return { ...toJobSummary(job, state), spec: job.data, result, files };
}

async function readResult(file: string): Promise<JobResult | null> {
  try {
    return jobResultSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return null;
  }
}
