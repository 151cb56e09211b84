import "server-only";
import type { JobsOptions } from "bullmq";
import { type Config, getConfig } from "../config";
import { newJobId } from "../job-id";
import { DEFAULT_ATTEMPTS, type FieldErrors, type JobSpec } from "../job-spec";
import { getJobQueue, JOB_NAME } from "../queue";
import { checkJobSpec } from "./check-job-spec";

export type SubmitResult = { ok: true; id: string; ids: string[] } | { ok: false; errors: FieldErrors };

/**
 * Checks a spec against this server's limits and adds it to the queue, `copies` times (as separate jobs, in one
 * round trip, all or none); the worker picks them up. `id` is the first job's.
 */
export async function submitJob(asked: JobSpec, copies = 1): Promise<SubmitResult> {
  const config = getConfig();
  const spec = withConfiguredDefaults(asked, config);
  const errors = await checkJobSpec(spec, config);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const ids = Array.from({ length: copies }, () => newJobId());
  await getJobQueue().addBulk(
    ids.map((jobId) => ({ name: JOB_NAME, data: spec, opts: { ...jobOptions(spec), jobId } })),
  );
  return { ok: true, id: ids[0] as string, ids };
}

/** What a spec leaves unset that this server decides: whether a job in a chosen directory asks before tools run. */
export function withConfiguredDefaults(spec: JobSpec, config: Config): JobSpec {
  if (spec.toolApprovals !== undefined || spec.workingDirectory === undefined) return spec;
  return { ...spec, toolApprovals: config.toolApprovalsInDirectories };
}

/** How BullMQ runs a job of this spec. */
export function jobOptions(spec: JobSpec): JobsOptions {
  return {
    priority: spec.priority,
    delay: spec.delaySeconds === undefined ? undefined : spec.delaySeconds * 1000,
    attempts: spec.attempts ?? DEFAULT_ATTEMPTS,
    // Only retryable causes are retried (the worker fails the rest as unrecoverable), after 10 s, 20 s, 40 s, …
    backoff: { type: "exponential", delay: getConfig().retryBackoffSeconds * 1000 },
  };
}
