import { existsSync, readFileSync } from "node:fs";
import type { Job } from "bullmq";
import { jobPaths } from "@/lib/job-paths";
import { jobSpecSchema } from "@/lib/job-spec";
import { submitJob } from "@/lib/jobs/submit-job";
import { getJobQueue } from "@/lib/queue";

/** Submits a job as the API does: through the JobSpec schema and the server's checks. */
export async function submit(input: Record<string, unknown>): Promise<{ id: string }> {
  const result = await submitJob(jobSpecSchema.parse(input));
  if (!result.ok) throw new Error(`job refused: ${JSON.stringify(result.errors)}`);
  return result;
}

/** Waits until the job is in one of `states`; on timeout, `context()` explains (the worker's output, say). */
export async function waitForState(
  id: string,
  states: string[],
  options: { timeoutMs?: number; context?: () => string } = {},
): Promise<Job> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    // State first, then the job: read the other way round, the job's fields can predate the state.
    const state = await getJobQueue().getJobState(id);
    const job = states.includes(state) ? await getJobQueue().getJob(id) : undefined;
    if (job) return job;
    if (Date.now() > deadline) {
      throw new Error(`job ${id} is ${state}, not ${states.join("/")}:\n${options.context?.() ?? ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `check` until it holds; on timeout, fails saying what was awaited. */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the job's CLI has printed its first line (its `init`): it runs, and may be stopped. */
export async function waitForCliStart(dataDir: string, id: string): Promise<void> {
  const events = jobPaths(dataDir, id).events;
  await waitUntil(
    "the CLI has started",
    () => existsSync(events) && readFileSync(events, "utf8").includes('"init"'),
  );
}
