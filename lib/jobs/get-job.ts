import "server-only";
import { type FileHandle, open, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { bullBoardJobUrl } from "../bull-board-links";
import { getConfig } from "../config";
import { listWorkspaceFiles } from "../files/list-workspace-files";
import { jobPaths } from "../job-paths";
import { type JobResult, jobResultSchema } from "../job-result";
import type { JobSpec } from "../job-spec";
import type { JobDetail } from "../job-view";
import { QUEUE_NAME } from "../queue";
import { jobAttempts } from "./job-attempts";
import { cancelledSummary, jobStateOf, toJobSummary } from "./job-summary";
import { readJobThread } from "./job-thread";
import { jobWorkspaceOf } from "./job-workspace-of";
import { readDelays } from "./read-due-times";
import { readJobResult } from "./read-job-result";
import { readQueuedJob } from "./read-queued-job";

/** A job with its spec, result and workspace files, or null when there is no such job. */
export async function getJobDetail(id: string): Promise<JobDetail | null> {
  const { job, cancellation } = await readQueuedJob(id);
  if (!job) {
    // Cancelled while it waited: the queue no longer has it, its record does.
    if (!cancellation?.removed) return null;
    return {
      thread: await readJobThread(id, cancellation.removed.spec.parentJobId ?? null),
      ...cancelledSummary(id, cancellation),
      spec: cancellation.removed.spec,
      result: null,
      earlierResults: [],
      timeoutSeconds: cancellation.removed.spec.timeoutSeconds ?? getConfig().defaultJobTimeoutSeconds,
      files: [],
      filesRefused: null,
      queueUrl: null,
      stderr: null,
    };
  }
  const state = jobStateOf(await job.getState(), cancellation !== undefined);
  const paths = jobPaths(getConfig().dataDir, id);
  const [result, earlier, workspace, stderr, delays, thread] = await Promise.all([
    readJobResult(id),
    readEarlierResults(paths.dir),
    readWorkspace(id, job.data),
    readTail(paths.stderr, STDERR_TAIL_BYTES),
    state === "delayed" ? readDelays([id]) : null,
    readJobThread(id, job.data.parentJobId ?? null),
  ]);
  const attempts = jobAttempts({
    state,
    results: result ? [...earlier, result] : earlier,
    automaticAttempts: job.opts.attempts ?? 1,
    dueAt: delays?.dueTimes.get(id) ?? null,
  });
  const summary = toJobSummary(job, state, null, delays?.holds.get(id) ?? null);
  return {
    ...summary,
    // BullMQ keeps the last run's progress until the next one reports: no stats of a run that is over and lost.
    progress: state === "active" || attempts.current ? summary.progress : null,
    spec: job.data,
    result: attempts.current,
    earlierResults: attempts.earlier,
    attempt: attempts.attempt,
    timeoutSeconds: job.data.timeoutSeconds ?? getConfig().defaultJobTimeoutSeconds,
    ...workspace,
    thread,
    stderr,
    queueUrl: bullBoardJobUrl(QUEUE_NAME, id),
  };
}

/** The files of the job's workspace, or why they are not shown. */
async function readWorkspace(id: string, spec: JobSpec): Promise<Pick<JobDetail, "files" | "filesRefused">> {
  const workspace = await jobWorkspaceOf(id, spec);
  if (!workspace.ok) return { files: [], filesRefused: workspace.error };
  const files = await listWorkspaceFiles(workspace.root);
  // Checked again once listed: a workspace swapped for a link while it was walked is not shown either.
  const after = await jobWorkspaceOf(id, spec);
  return after.ok ? { files, filesRefused: null } : { files: [], filesRefused: after.error };
}

/** The results earlier runs left, as result.attempt-<n>.json; one that cannot be read is left out. */
async function readEarlierResults(dir: string): Promise<JobResult[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const results = await Promise.all(
    names
      .filter((name) => /^result\.attempt-\d+\.json$/.test(name))
      .map(async (name) => {
        try {
          return jobResultSchema.parse(JSON.parse(await readFile(path.join(dir, name), "utf8")));
        } catch {
          return null;
        }
      }),
  );
  return results.filter((result) => result !== null);
}

/** The end of stderr is where the CLI says what went wrong; the whole file is a download away. */
const STDERR_TAIL_BYTES = 64 * 1024;

async function readTail(file: string, bytes: number): Promise<{ text: string; size: number } | null> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, "r");
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return { text: buffer.toString("utf8"), size };
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
