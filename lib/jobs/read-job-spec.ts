import "server-only";
import type { JobSpec } from "../job-spec";
import { readQueuedJob } from "./read-queued-job";

/** The spec a job was submitted with, from the queue (or the record of a job cancelled before it ran). */
export async function readJobSpec(id: string): Promise<JobSpec | undefined> {
  const { job, cancellation } = await readQueuedJob(id);
  return job?.data ?? cancellation?.removed?.spec;
}
