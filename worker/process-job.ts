import { mkdir, rename, writeFile } from "node:fs/promises";
import { type Job, UnrecoverableError, WaitingError } from "bullmq";
import type { Redis } from "ioredis";
import type { ResultEvent } from "@/lib/cli-events";
import type { Config } from "@/lib/config";
import { jobPaths } from "@/lib/job-paths";
import { type JobResult, RETRYABLE_CAUSES } from "@/lib/job-result";
import type { JobData } from "@/lib/queue";
import { buildCliArgs } from "./cli-args";
import { buildCliEnv, JOB_MARKER_VARIABLE } from "./cli-env";
import { runCli } from "./cli-run";
import { resolveJobCwd } from "./job-cwd";
import { JobEventSink } from "./job-event-sink";
import { cancelledOutcome, decideOutcome, type Outcome } from "./job-outcome";

export interface ProcessJobDeps {
  config: Config;
  redis: Redis;
  claudeBin: string;
  /** After the CLI's `result` line, how long it may take to exit on its own. */
  exitGraceSeconds: number;
}

/**
 * The abort reason that means "this worker is going away": the job did nothing wrong, so it goes back to wait for
 * another run instead of failing.
 */
export const REQUEUE_REASON = "worker shutting down";

/** Runs one attempt of a job through the Claude CLI and writes its output folder. Throws when it failed. */
export async function processJob(
  { config, redis, claudeBin, exitGraceSeconds }: ProcessJobDeps,
  job: Job<JobData>,
  token?: string,
  signal?: AbortSignal,
): Promise<JobResult> {
  const spec = job.data;
  const jobId = job.id as string;
  const paths = jobPaths(config.dataDir, jobId);
  const startedAt = Date.now();
  await mkdir(paths.dir, { recursive: true });
  // A retry keeps what earlier attempts left: the logs grow, and each earlier result gets a name of its own.
  if (job.attemptsStarted > 1) {
    await rename(
      paths.result,
      paths.result.replace(/\.json$/, `.attempt-${job.attemptsStarted - 1}.json`),
    ).catch(() => {});
  }

  const timeoutSeconds = Math.min(
    spec.timeoutSeconds ?? config.defaultJobTimeoutSeconds,
    config.maxJobTimeoutSeconds,
  );
  const idleTimeoutSeconds = Math.min(
    spec.idleTimeoutSeconds ?? config.defaultIdleTimeoutSeconds,
    config.maxIdleTimeoutSeconds,
  );
  const cwd = await resolveJobCwd(spec, jobId, config.dataDir, config.allowedRoots);
  await writeFile(
    paths.spec,
    `${JSON.stringify({ id: jobId, spec, createdAt: job.timestamp, cwd: cwd.ok ? cwd.cwd : null }, null, 2)}\n`,
  );

  let result: ResultEvent | undefined;
  let outcome: Outcome;
  let run: Awaited<ReturnType<typeof runCli>> | undefined;
  const sink = new JobEventSink(job, redis, paths.events);
  // Read when needed: the signal may be aborted at any moment, with the reason why.
  const abortReason = () => (typeof signal?.reason === "string" ? signal.reason : undefined);
  if (!cwd.ok) {
    outcome = { outcome: "failed", diagnosis: cwd.diagnosis };
  } else if (signal?.aborted) {
    // Cancelled before it started: no CLI to run.
    outcome = cancelledOutcome(abortReason());
  } else {
    run = await runCli({
      bin: claudeBin,
      args: buildCliArgs(spec),
      cwd: cwd.cwd,
      env: buildCliEnv(process.env, jobId),
      stderrPath: paths.stderr,
      onLine: (line) => {
        const parsed = sink.push(line);
        if (parsed.kind === "result") result = parsed.event;
      },
      isFinalLine: () => result !== undefined,
      marker: { name: JOB_MARKER_VARIABLE, value: jobId },
      timeoutMs: timeoutSeconds * 1000,
      idleTimeoutMs: idleTimeoutSeconds * 1000,
      killGraceMs: config.killGraceSeconds * 1000,
      exitGraceMs: exitGraceSeconds * 1000,
      signal,
    });
    if (run.stoppedBy === "aborted" && signal?.reason === REQUEUE_REASON) {
      await sink.close();
      await job.moveToWait(token);
      throw new WaitingError();
    }
    outcome = decideOutcome({
      result,
      run,
      claudeBin,
      timeoutSeconds,
      idleTimeoutSeconds,
      abortReason: abortReason(),
    });
  }
  await sink.close();

  const jobResult: JobResult = {
    ...outcome,
    exitCode: run?.exitCode ?? null,
    signal: run?.signal ?? null,
    subtype: result?.subtype ?? null,
    sessionId: result?.session_id ?? sink.progress.sessionId,
    numTurns: result?.num_turns,
    costUsd: result?.total_cost_usd,
    permissionDenials: result?.permission_denials ?? [],
    startedAt,
    finishedAt: Date.now(),
    stderrTail: run?.stderrTail ?? "",
  };
  await writeFile(paths.result, `${JSON.stringify(jobResult, null, 2)}\n`);

  if (jobResult.outcome !== "completed") {
    const cause = jobResult.diagnosis?.cause ?? "The job failed.";
    // Only causes that pass by themselves are retried (with backoff, while attempts remain); the rest need a person.
    if (jobResult.diagnosis && RETRYABLE_CAUSES.includes(jobResult.diagnosis.code)) throw new Error(cause);
    throw new UnrecoverableError(cause);
  }
  return jobResult;
}
