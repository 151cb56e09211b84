import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Job, Worker } from "bullmq";
import { CANCEL_CHANNEL, CANCEL_REASON, isPending, readCancellations } from "@/lib/cancellations";
import { cliInitReport } from "@/lib/cli/cli-init-report";
import { ConfigError, getConfig } from "@/lib/config";
import { type JobData, type JobReturnValue, KEY_PREFIX, QUEUE_NAME, toReturnValue } from "@/lib/queue";
import { redactUrlCredentials } from "@/lib/redact-url";
import { createRedisConnection } from "@/lib/redis";
import { scheduleQueue } from "@/lib/schedules/schedule-queue";
import { announceJobEvent } from "@/lib/webhooks/announce-job-event";
import { webhookQueue } from "@/lib/webhooks/webhook-queue";
import {
  publishWorkerStatus,
  removeWorkerStatus,
  WORKER_STATUS_INTERVAL_MS,
  type WorkerStatus,
} from "@/lib/worker-status";
import { DRAIN_POLL_MS, isDrainRequested, requestDrain } from "@/lib/workers/worker-drain";
import { recordExitOf } from "@/lib/workers/worker-exits";
import { endHeartbeat, heartbeatTimings, renewHeartbeat } from "@/lib/workers/worker-heartbeat";
import { detectCredentials, probeCliVersion, resolveClaudeCli } from "./claude-cli";
import { buildCliEnv } from "./cli-env";
import { checkDataDir } from "./data-dir-check";
import { readInstallationId } from "./installation-id";
import { reportJobEnd } from "./job-endings";
import { detectJobIsolation, findSandboxTools, SandboxUnavailableError } from "./job-sandbox";
import { retakeLock } from "./lock-retake";
import { logSweepIntervalMs, sweepFinishedLogs } from "./log-archive-sweep";
import { selectOrphans, workersToCheck } from "./orphan-sweep";
import { type LocalRun, processJob, REQUEUE_REASON, type WorkerContext } from "./process-job";
import { ProcessTable } from "./process-table";
import { startScheduleFiring } from "./schedule-firing";
import { SettledResults } from "./settled-results";
import { SpaceReserve } from "./space-reserve";
import { startWebhookDeliveries } from "./webhook-deliveries";
import { WorkerLiveness } from "./worker-liveness";
import { sweepWorktrees } from "./worktree-sweep";

/** How long a CLI may linger after printing its result before it is stopped. */
const EXIT_GRACE_SECONDS = 10;
/** How often running jobs are checked for a cancel whose message this worker missed. */
const CANCEL_SWEEP_INTERVAL_MS = 3_000;
/** How often this host is searched for processes of jobs whose worker died. */
const ORPHAN_SWEEP_INTERVAL_MS = 5_000;
/** How often the data directory's free space and writability are checked. */
const DATA_DIR_CHECK_INTERVAL_MS = 5_000;

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
/** The dashboard's version this worker runs: the Workers page tells workers an upgrade left behind. */
const APP_VERSION = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../package.json"), "utf8")) as { version: string }
).version;
const workerId = `${hostname()}-${randomBytes(4).toString("hex")}`;
const eventsRedis = createRedisConnection({ name: "worker-events", failFast: false });
// Each running job's log sink listens for this connection's reconnects.
eventsRedis.setMaxListeners(0);
const cli = resolveClaudeCli(config.claudeBin);
const cliEnv = buildCliEnv(process.env);
const probe = await probeCliVersion(cli.bin, cliEnv);
const isolation = await detectJobIsolation(config, cliEnv.ANTHROPIC_BASE_URL).catch((error: Error) => {
  if (!(error instanceof SandboxUnavailableError)) throw error;
  console.error(`worker: ${error.message}`);
  process.exit(2);
});
if (isolation.level === "none") console.warn(`worker: ${isolation.detail}`);
/** Made on the first start whose DATA_DIR is writable: until then no job runs here (the data-dir check says why). */
let installationId: string | undefined;
const ensureInstallationId = async (): Promise<string | undefined> => {
  installationId ??= await readInstallationId(config.dataDir).catch((error: Error) => {
    console.error(`worker: cannot keep an installation id in ${config.dataDir}: ${error.message}`);
    return undefined;
  });
  return installationId;
};
await ensureInstallationId();
const timings = heartbeatTimings(config.lockSeconds);
const status: WorkerStatus = {
  id: workerId,
  running: 0,
  draining: false,
  appVersion: APP_VERSION,
  host: hostname(),
  pid: process.pid,
  concurrency: config.workerConcurrency,
  startedAt: Date.now(),
  seenAt: Date.now(),
  isolation,
  cli: {
    ...cli,
    ...probe,
    credentials: detectCredentials(cliEnv),
    // Shown on every page and kept in Redis: a password in it would be too.
    apiBaseUrl: cliEnv.ANTHROPIC_BASE_URL ? redactUrlCredentials(cliEnv.ANTHROPIC_BASE_URL) : null,
    demo: config.demo,
    refusesBypassPermissions: process.getuid?.() === 0 && process.env.IS_SANDBOX !== "1",
    reported: null,
  },
};
console.log(
  `worker: ${workerId}, Claude CLI ${cli.bin} (${cli.source}) ${probe.version ?? `unusable: ${probe.problem}`}, credentials: ${status.cli.credentials}`,
);

const beat = () =>
  renewHeartbeat(eventsRedis, workerId, timings.ttlMs).catch((error: Error) =>
    console.error("worker: heartbeat:", error.message),
  );
await beat();
const heartbeat = setInterval(beat, timings.intervalMs);
// After an outage every heartbeat may have expired: renew at once, before others decide this worker is dead.
eventsRedis.on("ready", () => void beat());

const processes = new ProcessTable();
const runs = new Map<string, LocalRun>();
const stopping = new AbortController();
const reserve = new SpaceReserve(config.dataDir, workerId, config.dataDirReserveBytes);
/** When the reserve was last let go: a job that found the disk full just before then may try its write again. */
let spaceFreedAt = 0;
const SPACE_FREED_RETRY_MS = 5_000;

let dataDirChecking: Promise<void> | undefined;
const checkDataDirNow = (): Promise<void> =>
  (dataDirChecking ??= (async () => {
    const checked = await checkDataDir(config.dataDir, config.dataDirMinFreeBytes, workerId);
    if (!checked.problem && !(await ensureInstallationId()))
      checked.problem = {
        title: `The worker cannot keep its installation id in ${config.dataDir}, which marks its jobs' processes.`,
        fix: "Make DATA_DIR writable for the worker's user; the worker takes jobs once it can write there.",
      };
    if (
      !checked.problem &&
      (checked.freeBytes ?? 0) >= config.dataDirMinFreeBytes + config.dataDirReserveBytes
    )
      await reserve.hold().catch(() => false);
    const changed = (status.dataDir?.problem?.title ?? null) !== (checked.problem?.title ?? null);
    status.dataDir = checked;
    if (!changed) return;
    if (checked.problem) {
      console.error(`worker: ${checked.problem.title} ${checked.problem.fix}`);
      await worker.pause(true);
    } else {
      console.log("worker: the data directory is usable again; taking jobs");
      await worker.resume();
    }
    announce();
  })().finally(() => {
    dataDirChecking = undefined;
  }));

const settledResults = new SettledResults(eventsRedis);
const webhooks = webhookQueue(eventsRedis);
const context: WorkerContext = {
  config,
  isDraining: () => status.draining,
  onAsking: (job) =>
    void announceJobEvent(webhooks, config, "needs-you", {
      id: job.id as string,
      spec: job.data,
      state: "active",
    }).catch((error: Error) => console.error(`worker: job ${job.id}: queueing its webhooks:`, error.message)),
  redis: eventsRedis,
  claudeBin: cli.bin,
  cliEnvironment: buildCliEnv(process.env, { maxRetries: config.cliMaxRetries }),
  isolation,
  sandboxTools: isolation.level === "sandbox" ? findSandboxTools() : undefined,
  exitGraceSeconds: EXIT_GRACE_SECONDS,
  workerId,
  get installationId() {
    // Read only by runs, which start only once the data-dir check has made it.
    return installationId ?? "";
  },
  liveness: new WorkerLiveness(eventsRedis, timings.confirmMs),
  runs,
  onResultSaved: (jobId) => settledResults.noteSaved(jobId),
  killRunLeftovers: async (fence) => processes.kill(await processes.find({ run: fence })),
  dataDirProblem: () => status.dataDir?.problem?.title,
  onDataDirFault: () => {
    if (reserve.release()) {
      spaceFreedAt = Date.now();
      console.error("worker: a write failed; released the space held in reserve for the other running jobs");
    }
    void checkDataDirNow().catch((error: Error) =>
      console.error("worker: data directory check:", error.message),
    );
  },
  retryAfterFreedSpace: async (error) => {
    const diskFull = error.code === "ENOSPC" || error.code === "EDQUOT";
    return diskFull && Date.now() - spaceFreedAt < SPACE_FREED_RETRY_MS;
  },
  readSpec: async (id) => (await Job.fromId<JobData>(worker, id))?.data,
  onCliInit: (event) => {
    const reported = cliInitReport(event);
    if (isDeepStrictEqual(reported, status.cli.reported)) return;
    status.cli.reported = reported;
    void announce();
  },
  stopping: stopping.signal,
};

/** The BullMQ token of the latest call for each job here: what its lock holds while all is well. */
const tokens = new Map<string, string>();
const worker = new Worker<JobData, JobReturnValue>(
  QUEUE_NAME,
  async (job, token) => {
    const id = job.id as string;
    if (token) tokens.set(id, token);
    try {
      return toReturnValue(await processJob(context, job, token));
    } finally {
      if (tokens.get(id) === token) tokens.delete(id);
    }
  },
  {
    connection: createRedisConnection({ name: "worker", failFast: false }),
    prefix: KEY_PREFIX,
    concurrency: config.workerConcurrency,
    lockDuration: config.lockSeconds * 1000,
    stalledInterval: config.lockSeconds * 1000,
    // BullMQ fails a job that stalled more than this without asking anyone; a stall is often an outage during which
    // the job's run went on. The run records count the runs whose worker really died, and fail the job after two.
    maxStalledCount: 100,
    autorun: false,
  },
);

// BullMQ renews locks that exist; one that expired during an outage it cannot renew, and its stalled check would
// hand the job to a second run. Taking it back first, with the same token, keeps the one run the only one.
const retakeLocks = (jobIds: string[]) => {
  for (const jobId of jobIds) {
    const token = tokens.get(jobId);
    if (!token || !runs.has(jobId)) continue;
    const keys = {
      lock: `${worker.toKey(jobId)}:lock`,
      active: worker.toKey("active"),
      stalled: worker.toKey("stalled"),
    };
    retakeLock(eventsRedis, keys, jobId, token, config.lockSeconds * 1000)
      .then((outcome) => outcome === "retaken" && console.log(`worker: job ${jobId}: took its lock back`))
      .catch((error: Error) => console.error(`worker: job ${jobId}: taking its lock back:`, error.message));
  }
};
worker.on("lockRenewalFailed", retakeLocks);
eventsRedis.on("ready", () => retakeLocks([...runs.keys()]));

// Cancels reach the worker that runs the job through a channel; a worker that missed a message (a reconnect) still
// finds the cancel recorded, on its next look.
const cancelListener = createRedisConnection({ name: "worker-cancel", failFast: false });
void cancelListener.subscribe(CANCEL_CHANNEL);
cancelListener.on("message", (_channel: string, jobId: string) => {
  const run = runs.get(jobId);
  if (!run) return;
  console.log(`worker: job ${jobId} cancelled, stopping it`);
  run.abort(CANCEL_REASON);
});
const cancelSweep = setInterval(() => {
  if (runs.size === 0) return;
  readCancellations(eventsRedis, [...runs.keys()])
    .then((cancelled) => {
      for (const [jobId, cancellation] of cancelled)
        if (isPending(cancellation)) runs.get(jobId)?.abort(CANCEL_REASON);
    })
    .catch((error: Error) => console.error("worker: cancel check:", error.message));
}, CANCEL_SWEEP_INTERVAL_MS);

// A worker killed outright (SIGKILL, out of memory) cannot stop its jobs' CLIs, which run in groups of their own.
// Every worker, regularly, kills what dead workers of this installation left on its host, and what its own ended
// runs left behind.
const sweepOrphans = async () => {
  const marked = await processes.refresh();
  if (marked.length === 0 || !installationId) return;
  const others = workersToCheck(marked, { installationId, workerId });
  const orphans = selectOrphans(marked, {
    installationId,
    workerId,
    localFences: new Set([...runs.values()].map((run) => run.fence)),
    liveness: await context.liveness.check(others),
  });
  if (orphans.length === 0) return;
  const killed = await processes.kill(orphans);
  if (killed > 0) console.log(`worker: killed ${killed} process(es) left by ended runs or dead workers`);
};
const orphanSweep = setInterval(
  () => void sweepOrphans().catch((error: Error) => console.error("worker: orphan sweep:", error.message)),
  ORPHAN_SWEEP_INTERVAL_MS,
);
const dataDirTimer = setInterval(
  () =>
    void checkDataDirNow().catch((error: Error) =>
      console.error("worker: data directory check:", error.message),
    ),
  DATA_DIR_CHECK_INTERVAL_MS,
);

// Finished jobs' logs leave Redis after the retention window; events.jsonl already holds them.
const warnedLogs = new Set<string>();
let logSweeping = false;
const logSweep = setInterval(() => {
  if (logSweeping) return;
  logSweeping = true;
  sweepFinishedLogs(eventsRedis, {
    dataDir: config.dataDir,
    retentionSeconds: config.logRetentionSeconds,
    workerId,
  })
    .then(({ problems }) => {
      // The sweep after looks at the same jobs again for a few seconds: each is reported once.
      if (warnedLogs.size > 10_000) warnedLogs.clear();
      for (const { jobId, problem } of problems)
        if (!warnedLogs.has(jobId)) {
          warnedLogs.add(jobId);
          console.error(`worker: job ${jobId}: its log stays in Redis: ${problem}`);
        }
    })
    .catch((error: Error) => console.error("worker: moving finished logs out of Redis:", error.message))
    .finally(() => {
      logSweeping = false;
    });
}, logSweepIntervalMs(config.logRetentionSeconds));

const announce = () => {
  status.seenAt = Date.now();
  status.running = runs.size;
  return publishWorkerStatus(eventsRedis, status).catch((error: Error) =>
    console.error("worker: status:", error.message),
  );
};
const announcer = setInterval(announce, WORKER_STATUS_INTERVAL_MS);
worker.on("active", (job) => console.log(`worker: job ${job.id} started`));
const webhookDeliveries = config.webhooks.secret ? startWebhookDeliveries(config) : undefined;
const schedules = scheduleQueue(eventsRedis);
const scheduleFiring = startScheduleFiring(eventsRedis);
const announceEnd = (job: Job<JobData>, completed: boolean) =>
  reportJobEnd({ config, redis: eventsRedis, webhooks, schedules }, job, completed).catch((error: Error) =>
    console.error(`worker: job ${job.id}: reporting its end:`, error.message),
  );
worker.on("completed", (job) => {
  console.log(`worker: job ${job.id} completed`);
  settledResults.noteSettled(job.id as string);
  void announceEnd(job, true);
});
worker.on("failed", (job, error) => {
  console.log(`worker: job ${job?.id} failed: ${error.message}`);
  if (job?.id) settledResults.noteSettled(job.id);
  // Set only once BullMQ has given up on the job: a failure it retries is no news yet.
  if (job?.finishedOn) void announceEnd(job, false);
});
worker.on("error", (error) => console.error("worker: error:", error.message));

async function shutdown(signalName: string): Promise<void> {
  if (stopping.signal.aborted) return;
  stopping.abort();
  console.log(
    `worker: ${signalName} received, taking no new jobs; running ones get ${config.shutdownGraceSeconds}s`,
  );
  const graceTimer = setTimeout(() => {
    console.log("worker: grace period over, stopping running jobs and returning them to the queue");
    for (const run of runs.values()) run.abort(REQUEUE_REASON);
  }, config.shutdownGraceSeconds * 1000);
  await worker.close();
  clearTimeout(graceTimer);
  await Promise.all([
    webhookDeliveries?.close(),
    webhooks.close(),
    scheduleFiring.close(),
    schedules.close(),
  ]);
  for (const timer of [announcer, cancelSweep, orphanSweep, dataDirTimer, heartbeat, logSweep, drainWatch])
    clearInterval(timer);
  cancelListener.disconnect();
  await Promise.all([
    settledResults.flush(),
    removeWorkerStatus(eventsRedis, status.id).catch(() => {}),
    endHeartbeat(eventsRedis, workerId).catch(() => {}),
    reserve.remove().catch(() => {}),
  ]);
  await eventsRedis.quit();
  console.log("worker: stopped");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
// A crash is recorded for the jobs that were running here: their next run says why the worker died.
process.on("uncaughtException", (error) => {
  console.error("worker: crashed:", error);
  const exit = () => process.exit(1);
  setTimeout(exit, 2000).unref();
  recordExitOf(eventsRedis, workerId, `it crashed: ${error.message}`).then(exit, exit);
});

await checkDataDirNow();
await sweepOrphans().catch((error: Error) => console.error("worker: orphan sweep:", error.message));
await sweepWorktrees(eventsRedis, config.dataDir, config.allowedRoots).then(
  (swept) => {
    for (const { repository, jobId } of swept)
      console.log(`worker: job ${jobId} is gone: its checkout and refs in ${repository} are removed`);
  },
  (error: Error) => console.error("worker: worktree sweep:", error.message),
);
await announce();
// Said once the dashboard can see this worker, and before it takes a job.
console.log(`worker: ready, running up to ${config.workerConcurrency} jobs at once`);
void worker.run();

// Drained (from the Workers page, or by SIGUSR2), the worker finishes what it runs and takes nothing new.
const drain = async (draining: boolean, why: string) => {
  if (draining === status.draining) return;
  status.draining = draining;
  if (draining) await worker.pause(true);
  else worker.resume();
  console.log(
    `worker: ${draining ? "draining: it finishes what it runs and takes no new job" : "resumed: it takes jobs again"} (${why})`,
  );
  await announce();
};
const drainWatch = setInterval(
  () =>
    void isDrainRequested(eventsRedis, workerId)
      .then((asked) => drain(asked, "asked on the Workers page"))
      .catch((error: Error) => console.error("worker: drain:", error.message)),
  DRAIN_POLL_MS,
);
process.on("SIGUSR2", () => void requestDrain(eventsRedis, workerId, !status.draining).catch(() => {}));
