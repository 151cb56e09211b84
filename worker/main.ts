import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Worker } from "bullmq";
import {
  CANCEL_CHANNEL,
  CANCEL_REASON,
  isPending,
  markCancellationCarriedOut,
  readCancellations,
  takeCancellation,
} from "@/lib/cancellations";
import { ConfigError, getConfig } from "@/lib/config";
import type { JobResult } from "@/lib/job-result";
import { type JobData, KEY_PREFIX, QUEUE_NAME } from "@/lib/queue";
import { createRedisConnection } from "@/lib/redis";
import {
  publishWorkerStatus,
  removeWorkerStatus,
  WORKER_STATUS_INTERVAL_MS,
  type WorkerStatus,
} from "@/lib/worker-status";
import { detectCredentials, probeCliVersion, resolveClaudeCli } from "./claude-cli";
import { buildCliEnv, WORKER_MARKER_VARIABLE } from "./cli-env";
import { processJob, REQUEUE_REASON } from "./process-job";
import { killOrphansOfDeadWorkers } from "./process-tree";

/** How long a CLI may linger after printing its result before it is stopped. */
const EXIT_GRACE_SECONDS = 10;
/** How often running jobs are checked for a cancel whose message this worker missed. */
const CANCEL_SWEEP_INTERVAL_MS = 3_000;
/** How often this host is searched for processes of jobs whose worker died. */
const ORPHAN_SWEEP_INTERVAL_MS = 5_000;

function loadConfigOrExit() {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

const config = loadConfigOrExit();
const eventsRedis = createRedisConnection({ name: "worker-events", failFast: false });
const cli = resolveClaudeCli(config.claudeBin);
const cliEnv = buildCliEnv(process.env, "probe");
const probe = await probeCliVersion(cli.bin, cliEnv);
const status: WorkerStatus = {
  id: randomUUID(),
  host: hostname(),
  pid: process.pid,
  concurrency: config.workerConcurrency,
  startedAt: Date.now(),
  seenAt: Date.now(),
  cli: {
    ...cli,
    ...probe,
    credentials: detectCredentials(cliEnv),
    apiBaseUrl: cliEnv.ANTHROPIC_BASE_URL ?? null,
    demo: config.demo,
    refusesBypassPermissions: process.getuid?.() === 0 && process.env.IS_SANDBOX !== "1",
  },
};
console.log(
  `worker: Claude CLI ${cli.bin} (${cli.source}) ${probe.version ?? `unusable: ${probe.problem}`}, credentials: ${status.cli.credentials}`,
);
let shuttingDown = false;
/** Ids of the jobs this worker is running. */
const running = new Set<string>();

// A worker killed outright (SIGKILL, out of memory) cannot stop its jobs' CLIs; BullMQ gives its jobs to another
// worker. So every worker, at start and then regularly, kills what dead workers on this host left running, so a
// job never runs twice at once.
const sweepOrphans = () =>
  killOrphansOfDeadWorkers(WORKER_MARKER_VARIABLE)
    .then(
      (pids) =>
        pids.length > 0 && console.log(`worker: killed ${pids.length} process(es) left by a dead worker`),
    )
    .catch((error: Error) => console.error("worker: orphan sweep:", error.message));
const worker = new Worker<JobData, JobResult>(
  QUEUE_NAME,
  async (job, token, signal) => {
    const id = job.id as string;
    running.add(id);
    try {
      // Before running a job that may have run elsewhere on this host (its worker died): nothing of it may still run.
      await sweepOrphans();
      // A cancel recorded before this worker took the job (its message long gone) still counts.
      if (await takeCancellation(eventsRedis, id)) worker.cancelJob(id, CANCEL_REASON);
      return await processJob(
        { config, redis: eventsRedis, claudeBin: cli.bin, exitGraceSeconds: EXIT_GRACE_SECONDS },
        job,
        token,
        signal,
      );
    } finally {
      running.delete(id);
      // Done with: if the job runs again (retried from bull-board, say), this cancel is not for that attempt.
      if (signal?.aborted && signal.reason === CANCEL_REASON)
        await markCancellationCarriedOut(eventsRedis, id).catch((error: Error) =>
          console.error(`worker: job ${id}: recording its cancel as done:`, error.message),
        );
    }
  },
  {
    connection: createRedisConnection({ name: "worker", failFast: false }),
    prefix: KEY_PREFIX,
    concurrency: config.workerConcurrency,
    lockDuration: config.lockSeconds * 1000,
    stalledInterval: config.lockSeconds * 1000,
    // A job whose worker died is run again once; if that worker dies too, it fails rather than loop.
    maxStalledCount: 1,
  },
);

worker.on("ready", () =>
  console.log(`worker: ready, running up to ${config.workerConcurrency} jobs at once`),
);

// Cancels reach the worker that runs the job through a channel; a worker that missed a message (a reconnect) still
// finds the cancel recorded, on its next look.
const cancelListener = createRedisConnection({ name: "worker-cancel", failFast: false });
void cancelListener.subscribe(CANCEL_CHANNEL);
cancelListener.on("message", (_channel: string, jobId: string) => {
  if (worker.cancelJob(jobId, CANCEL_REASON)) console.log(`worker: job ${jobId} cancelled, stopping it`);
});
const cancelSweep = setInterval(() => {
  if (running.size === 0) return;
  readCancellations(eventsRedis, [...running])
    .then((cancelled) => {
      for (const [jobId, cancellation] of cancelled)
        if (isPending(cancellation)) worker.cancelJob(jobId, CANCEL_REASON);
    })
    .catch((error: Error) => console.error("worker: cancel check:", error.message));
}, CANCEL_SWEEP_INTERVAL_MS);

void sweepOrphans();
const orphanSweep = setInterval(sweepOrphans, ORPHAN_SWEEP_INTERVAL_MS);

const announce = () => {
  status.seenAt = Date.now();
  publishWorkerStatus(eventsRedis, status).catch((error: Error) =>
    console.error("worker: status:", error.message),
  );
};
announce();
const announcer = setInterval(announce, WORKER_STATUS_INTERVAL_MS);
worker.on("active", (job) => console.log(`worker: job ${job.id} started`));
worker.on("completed", (job) => console.log(`worker: job ${job.id} completed`));
worker.on("failed", (job, error) => console.log(`worker: job ${job?.id} failed: ${error.message}`));
worker.on("error", (error) => console.error("worker: error:", error.message));

async function shutdown(signalName: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(
    `worker: ${signalName} received, taking no new jobs; running ones get ${config.shutdownGraceSeconds}s`,
  );
  const graceTimer = setTimeout(() => {
    console.log("worker: grace period over, stopping running jobs and returning them to the queue");
    worker.cancelAllJobs(REQUEUE_REASON);
  }, config.shutdownGraceSeconds * 1000);
  await worker.close();
  clearTimeout(graceTimer);
  clearInterval(announcer);
  clearInterval(cancelSweep);
  clearInterval(orphanSweep);
  cancelListener.disconnect();
  await removeWorkerStatus(eventsRedis, status.id).catch(() => {});
  await eventsRedis.quit();
  console.log("worker: stopped");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
