import "server-only";
import { newJobId } from "../job-id";
import type { JobSpec } from "../job-spec";
import { getJobQueue, JOB_NAME } from "../queue";

/** Adds a job to the queue; the worker picks it up. */
export async function submitJob(spec: JobSpec): Promise<{ id: string }> {
  const id = newJobId();
  // Failures are kept for a person to read; nothing here retries automatically.
  await getJobQueue().add(JOB_NAME, spec, { jobId: id, attempts: 1 });
  return { id };
}
