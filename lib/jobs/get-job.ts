import "server-only";
import { readFile } from "node:fs/promises";
import { readCancellations } from "../cancellations";
import { getConfig } from "../config";
import { jobFilesRoot, listWorkspaceFiles } from "../job-files";
import { jobPaths } from "../job-paths";
import { type JobResult, jobResultSchema } from "../job-result";
import { type JobDetail, type JobState, jobStateSchema } from "../job-view";
import { getJobQueue, getQueueRedis } from "../queue";
import { cancelledSummary, toJobSummary } from "./job-summary";

/** A job with its spec, result and workspace files, or null when there is no such job. */
export async function getJobDetail(id: string): Promise<JobDetail | null> {
  const [job, cancellations] = await Promise.all([
    getJobQueue().getJob(id),
    readCancellations(getQueueRedis(), [id]),
  ]);
  const cancellation = cancellations.get(id);
  if (!job) {
    // Cancelled while it waited: the queue no longer has it, its record does.
    if (!cancellation?.removed) return null;
    return {
      ...cancelledSummary(id, cancellation),
      spec: cancellation.removed.spec,
      result: null,
      files: [],
    };
  }
  const stateName = await job.getState();
  const state: JobState =
    stateName === "failed" && cancellation
      ? "cancelled"
      : (jobStateSchema.safeParse(stateName).data ?? "unknown");
  const paths = jobPaths(getConfig().dataDir, id);
  const [result, files] = await Promise.all([
    readResult(paths.result),
    jobFilesRoot(getConfig().dataDir, id).then(listWorkspaceFiles),
  ]);
  return { ...toJobSummary(job, state), spec: job.data, result, files };
}

async function readResult(file: string): Promise<JobResult | null> {
  try {
    return jobResultSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return null;
  }
}
