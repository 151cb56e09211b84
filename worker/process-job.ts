import { mkdir, writeFile } from "node:fs/promises";
import { type Job, UnrecoverableError, WaitingError } from "bullmq";
import type { Redis } from "ioredis";
import type { ResultEvent } from "@/lib/cli-events";
import { jobPaths } from "@/lib/job-paths";
import type { JobResult } from "@/lib/job-result";
import type { JobData } from "@/lib/queue";
import { buildCliArgs } from "./cli-args";
import { buildCliEnv, JOB_MARKER_VARIABLE } from "./cli-env";
import { runCli } from "./cli-run";
import { JobEventSink } from "./job-event-sink";
import { decideOutcome } from "./job-outcome";

export interface ProcessJobDeps {
  redis: Redis;
  dataDir: string;
  claudeBin: string;
  defaultTimeoutSeconds: number;
  maxTimeoutSeconds: number;
  killGraceSeconds: number;
  /** After the CLI's `result` line, how long it may take to exit on its own. */
  exitGraceSeconds: number;
}

/**
 * The abort reason that means "this worker is going away": the job did nothing wrong, so it goes back to wait for
 * another run instead of failing.
 */
export const REQUEUE_REASON = "worker shutting down";

/** Runs one job through the Claude CLI and writes its output folder. Returns the result, or throws when it failed. */
export async function processJob(
  deps: ProcessJobDeps,
  job: Job<JobData>,
  token?: string,
  signal?: AbortSignal,
): Promise<JobResult> {
  const spec = job.data;
  const jobId = job.id as string;
  const paths = jobPaths(deps.dataDir, jobId);
  const startedAt = Date.now();
  await mkdir(paths.workspace, { recursive: true });
  await writeFile(paths.spec, `${JSON.stringify({ id: jobId, spec, createdAt: job.timestamp }, null, 2)}\n`);

  const timeoutSeconds = Math.min(spec.timeoutSeconds ?? deps.defaultTimeoutSeconds, deps.maxTimeoutSeconds);
  const sink = new JobEventSink(job, deps.redis, paths.events);
  let result: ResultEvent | undefined;

  const run = await runCli({
    bin: deps.claudeBin,
    args: buildCliArgs(spec),
    cwd: paths.workspace,
    env: buildCliEnv(process.env, jobId),
    stderrPath: paths.stderr,
    onLine: (line) => {
      const parsed = sink.push(line);
      if (parsed.kind === "result") result = parsed.event;
    },
    isFinalLine: () => result !== undefined,
    marker: { name: JOB_MARKER_VARIABLE, value: jobId },
    timeoutMs: timeoutSeconds * 1000,
    killGraceMs: deps.killGraceSeconds * 1000,
    exitGraceMs: deps.exitGraceSeconds * 1000,
    signal,
  });
  await sink.close();

  if (run.stoppedBy === "aborted" && signal?.reason === REQUEUE_REASON) {
    await job.moveToWait(token);
    throw new WaitingError();
  }

  const outcome = decideOutcome({ result, run, claudeBin: deps.claudeBin, timeoutSeconds });
  const jobResult: JobResult = {
    ...outcome,
    exitCode: run.exitCode,
    signal: run.signal,
    subtype: result?.subtype ?? null,
    sessionId: result?.session_id ?? sink.progress.sessionId,
    numTurns: result?.num_turns,
    costUsd: result?.total_cost_usd,
    permissionDenials: result?.permission_denials ?? [],
    startedAt,
    finishedAt: Date.now(),
    stderrTail: run.stderrTail,
  };
  await writeFile(paths.result, `${JSON.stringify(jobResult, null, 2)}\n`);

  if (jobResult.outcome === "failed") {
    // Retrying is a decision for a person (or, later, for known-transient causes only), never automatic here.
    throw new UnrecoverableError(jobResult.diagnosis?.cause ?? "The job failed.");
  }
  return jobResult;
}
