import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat } from "node:fs/promises";
import { DelayedError, type Job, UnrecoverableError, WaitingError } from "bullmq";
import type { Redis } from "ioredis";
import { checkAllowedDirectory } from "@/lib/allowed-directory";
import { withdrawRunRequests } from "@/lib/approvals/tool-requests";
import { CANCEL_REASON, markCancellationCarriedOut, takeCancellation } from "@/lib/cancellations";
import type { ResultEvent, SystemInitEvent } from "@/lib/cli-events";
import type { Config } from "@/lib/config";
import { formatCost } from "@/lib/format";
import { registerRepository } from "@/lib/git/repository-registry";
import { ensureRepository, recordJobStart } from "@/lib/git/workspace-history";
import { jobPaths } from "@/lib/job-paths";
import { type Diagnosis, type JobResult, jobResultSchema, RETRYABLE_CAUSES } from "@/lib/job-result";
import type { JobHold } from "@/lib/jobs/job-hold";
import { recordHold, takeHold } from "@/lib/jobs/job-holds";
import type { JobData } from "@/lib/queue";
import { claimRun, finishRun, type RunRecord, readRunRecord } from "@/lib/runs/run-record";
import { readBudgetState } from "@/lib/usage/daily-budget";
import { recordAttemptUsage, SCRATCH_DIRECTORY } from "@/lib/usage/usage-ledger";
import type { JobIsolation } from "@/lib/workers/job-isolation";
import { readWorkerExit } from "@/lib/workers/worker-exits";
import { writeFileAtomic } from "@/lib/write-file-atomic";
import { ALL_SETTING_SOURCES, buildCliArgs, cliInput, UNTRUSTED_SETTING_SOURCES } from "./cli-args";
import { type CliRunReport, runCli } from "./cli-run";
import { JobConversation, workerStoppedRefusal } from "./job-conversation";
import { resolveJobCwd } from "./job-cwd";
import { JobEventSink } from "./job-event-sink";
import { cancelledOutcome, decideOutcome, type Outcome } from "./job-outcome";
import { operatorConfigDirOf, type SandboxTools, sandboxCommand, sandboxSettings } from "./job-sandbox";
import { mendRunStream } from "./mend-run-stream";
import { markerEnvironment } from "./process-markers";
import { decideRun, type RunDecision } from "./run-decision";
import type { WorkerLiveness } from "./worker-liveness";
import { diagnoseWriteFailure, isDataDirFault } from "./write-failure";

/**
 * The abort reason that means "this worker is going away": the job did nothing wrong, so it goes back to wait for
 * another run instead of failing.
 */
export const REQUEUE_REASON = "worker shutting down";
/** Another worker made another run of the job the current one: this run's work no longer counts. */
const SUPERSEDED_REASON = "superseded by another run";
const WRITE_FAILED_REASON = "stopped: its files could not be written";
/** How often a worker waiting for another's run of a job looks again. */
const FOLLOW_INTERVAL_MS = 1000;
/** How long a run's end waits for Redis to take its last log lines (it needs Redis to finish anyway). */
const CLOSE_PATIENCE_MS = 120_000;

/** How a run of a job on this worker ended. */
/** `held`: the run was stopped by a usage limit, and the job waits for its reset to run again. */
export type RunEnd = { result: JobResult } | { requeued: true } | { superseded: true } | { held: JobHold };

/** Runs in a row a usage limit may stop before the model writes a word, before the job stops waiting for it. */
export const MAX_LIMITED_RUNS = 2;
/** Past the reset, so the first request of the next run does not race the limit's own clock. */
const USAGE_LIMIT_MARGIN_MS = 5000;

/** A run in progress on this worker, or about to be claimed (no fence yet). */
export interface LocalRun {
  fence: string;
  abort(reason: string): void;
  /** Its end; undefined when it was never claimed (another worker was first). */
  done: Promise<RunEnd | undefined>;
}

export interface WorkerContext {
  config: Config;
  redis: Redis;
  claudeBin: string;
  /**
   * The environment every run's CLI gets, before its markers: made once, as each read of the worker's own
   * environment (process.env) goes through the C library variable by variable.
   */
  cliEnvironment: Record<string, string>;
  /** How each run is kept from what is not its own, as found at start; with bubblewrap's path when sandboxed. */
  isolation: JobIsolation;
  sandboxTools?: SandboxTools;
  /** After the CLI's `result` line, how long it may take to exit on its own. */
  exitGraceSeconds: number;
  workerId: string;
  installationId: string;
  liveness: WorkerLiveness;
  /** The runs in progress here, by job id: a job handed to this worker again while it runs is never run twice. */
  runs: Map<string, LocalRun>;
  /** Told when result.json holds a job's result (a copy of it is in the run record until BullMQ applies it). */
  onResultSaved(jobId: string): void;
  /** Kills the processes a run left behind after its CLI exited; returns how many. */
  killRunLeftovers(fence: string): Promise<number>;
  /** Why no job may start here now (a full or read-only data directory), or undefined. */
  dataDirProblem(): string | undefined;
  /** Told when the data directory failed a write, so the worker re-checks it and frees its reserve. */
  onDataDirFault(): void;
  /** Whether a write that failed for want of space is worth one more try: space was just freed for it. */
  retryAfterFreedSpace(error: NodeJS.ErrnoException): Promise<boolean>;
  /** The spec a job of the queue was submitted with (a follow-up's parent's, say). */
  readSpec(jobId: string): Promise<JobData | undefined>;
  /** Told each run's init event: what the CLI says of itself there is what the dashboard shows of it. */
  onCliInit(event: SystemInitEvent): void;
  /** Aborted when the worker begins to stop. */
  stopping: AbortSignal;
  /** Drained: a job BullMQ still hands it (one it was already fetching) goes back to the queue for another worker. */
  isDraining(): boolean;
  /** Told when a running job starts waiting for a person's answer (for the webhooks). */
  onAsking(job: Job<JobData>): void;
}

/**
 * Handles one job handed over by BullMQ: runs it, or, when a run of it is already alive (here or on a worker that
 * lost its lock in an outage), waits for that run and ends the job with its result. Throws when the job failed.
 */
export async function processJob(ctx: WorkerContext, job: Job<JobData>, token?: string): Promise<JobResult> {
  const jobId = job.id as string;
  for (;;) {
    const local = ctx.runs.get(jobId);
    if (local) {
      const end = await local.done;
      if (end) return settle(ctx, job, token, end);
      continue;
    }
    const record = await readRunRecord(ctx.redis, jobId);
    const remote = record?.state === "running" && record.worker !== ctx.workerId;
    const decision = decideRun({
      record,
      attemptsMade: job.attemptsMade,
      workerId: ctx.workerId,
      recordWorker: remote ? await ctx.liveness.of(record.worker) : "unknown",
    });
    if (decision.kind === "deliver") return settle(ctx, job, token, { result: decision.result });
    // A worker that is stopping or drained, or whose data directory cannot take a job, starts no run: it goes back.
    const mayStart = !ctx.dataDirProblem() && !ctx.stopping.aborted && !ctx.isDraining();
    if (decision.kind === "wait" || (decision.kind === "start" && !mayStart)) {
      if (ctx.stopping.aborted || decision.kind === "start")
        return settle(ctx, job, token, { requeued: true });
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_INTERVAL_MS));
      continue;
    }
    if (decision.kind === "start" && (await holdForBudget(ctx, job, token))) throw new DelayedError();
    const end =
      decision.kind === "fail-crashed"
        ? await failCrashed(ctx, job, decision)
        : await startRun(ctx, job, decision, record);
    // Undefined: another worker claimed the job between our read and our claim; look again.
    if (end) return settle(ctx, job, token, end);
  }
}

/**
 * With the day's budget spent, a job does not start: it waits for the next day (or for the operator to lift the
 * budget), and its page says so. Costs nothing without DAILY_BUDGET_USD.
 */
async function holdForBudget(
  ctx: WorkerContext,
  job: Job<JobData>,
  token: string | undefined,
): Promise<boolean> {
  if (ctx.config.dailyBudgetUsd === undefined) return false;
  const budget = await readBudgetState(ctx.redis, ctx.config);
  if (!budget.reached) return false;
  await recordHold(ctx.redis, job.id as string, {
    reason: "budget",
    message: `Today's budget of ${formatCost(budget.limitUsd ?? 0)} is spent (${formatCost(budget.spentUsd)} so far): it waits for tomorrow's, or for the budget to be lifted on the Usage page`,
    until: budget.resetsAt,
  });
  await job.moveToDelayed(budget.resetsAt, token);
  console.log(
    `worker: job ${job.id}: the day's budget is spent; it waits until ${new Date(budget.resetsAt).toISOString()}`,
  );
  return true;
}

/** Hands a run's end to BullMQ: its result, a retryable error, an unrecoverable one, or the job back to wait. */
async function settle(
  ctx: WorkerContext,
  job: Job<JobData>,
  token: string | undefined,
  end: RunEnd,
): Promise<JobResult> {
  if ("held" in end) {
    await recordHold(ctx.redis, job.id as string, end.held);
    await job.moveToDelayed(end.held.until, token);
    throw new DelayedError();
  }
  if ("requeued" in end) {
    await job.moveToWait(token);
    throw new WaitingError();
  }
  if ("superseded" in end) throw new Error(`job ${job.id}: ${SUPERSEDED_REASON}`);
  const { result } = end;
  if (result.outcome === "completed") return result;
  const cause = result.diagnosis?.cause ?? "The job failed.";
  // Only causes that pass by themselves are retried (with backoff, while attempts remain); the rest need a person.
  const retryable = result.diagnosis && RETRYABLE_CAUSES.includes(result.diagnosis.code);
  throw withoutStack(retryable ? new Error(cause) : new UnrecoverableError(cause));
}

/**
 * BullMQ keeps an error's stack with the job, and bull-board shows it: for a job's outcome it would be the worker's
 * own source paths, saying nothing about the job. The diagnosis is the whole story.
 */
function withoutStack(error: Error): Error {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

function newFence(): string {
  return randomBytes(8).toString("hex");
}

async function fileSize(file: string): Promise<number> {
  return stat(file).then(
    (stats) => stats.size,
    () => 0,
  );
}

/** Claims the job as a new run of its own (or returns undefined when another worker did first) and runs it. */
async function startRun(
  ctx: WorkerContext,
  job: Job<JobData>,
  decision: Extract<RunDecision, { kind: "start" }>,
  previous: RunRecord | undefined,
): Promise<RunEnd | undefined> {
  const jobId = job.id as string;
  // Another call for this job on this worker got here first, during our reads: follow it instead.
  if (ctx.runs.has(jobId)) return undefined;
  const paths = jobPaths(ctx.config.dataDir, jobId);
  const fence = newFence();
  const controller = new AbortController();
  let finish!: (end: RunEnd | undefined) => void;
  const done = new Promise<RunEnd | undefined>((resolve) => {
    finish = resolve;
  });
  // Taken before the first await, so that a second call for the job follows this one rather than racing it.
  const local: LocalRun = { fence, abort: (reason) => controller.abort(reason), done };
  ctx.runs.set(jobId, local);
  let claimed = false;
  try {
    // Ids of this run sort after every earlier run's, whatever the clocks of the hosts that wrote them.
    const idBase = Math.max(Date.now(), (previous?.idBase ?? 0) + 1);
    const eventsOffset = await fileSize(paths.events);
    // A cancel recorded before this worker took the job (its message long gone) still counts. Asked in the same
    // round trip as the claim, and read after it: a cancel announced later reaches this run through `local`.
    const [number, cancelled, previousHold] = await Promise.all([
      claimRun(ctx.redis, jobId, decision.expectedFence, {
        fence,
        worker: ctx.workerId,
        attemptsMade: job.attemptsMade,
        idBase,
        eventsOffset,
        crashes: decision.crashes,
      }),
      takeCancellation(ctx.redis, jobId),
      // Whatever held the job (the budget, a usage limit) is over: it runs.
      takeHold(ctx.redis, jobId),
    ]);
    if (number === 0) {
      finish(undefined);
      return undefined;
    }
    claimed = true;
    let withdrawnRequests: string[] = [];
    if (decision.mend) {
      // Whatever of the dead run still runs on this host would work beside the new run: it goes first.
      await ctx.killRunLeftovers(decision.mend.fence);
      await mendRunStream(ctx.redis, jobId, decision.mend, paths.events, fence);
      withdrawnRequests = (await withdrawRunRequests(ctx.redis, jobId, decision.mend.fence)).map(
        (request) => request.requestId,
      );
    }
    if (decision.crashes > 0)
      console.log(`worker: job ${jobId}: its worker died while running it; running it again (run ${number})`);
    if (cancelled) controller.abort(CANCEL_REASON);
    const end = await executeRun(ctx, job, {
      fence,
      number,
      idBase,
      eventsOffset,
      signal: controller.signal,
      abort: local.abort,
      withdrawnRequests,
      previousHold,
    });
    finish(end);
    return end;
  } catch (error) {
    // A run that broke off without an end would leave its record "running" under a living worker, and every later
    // handler of the job waiting for it: it is ended as handed back, and the job's next run starts afresh.
    if (claimed)
      await finishRun(ctx.redis, jobId, fence, { requeued: true }).catch((failure: Error) =>
        console.error(`worker: job ${jobId}: recording its broken-off run:`, failure.message),
      );
    finish(undefined);
    throw error;
  } finally {
    if (ctx.runs.get(jobId) === local) ctx.runs.delete(jobId);
    // Done with: if the job runs again (retried from bull-board, say), this cancel is not for that run.
    if (controller.signal.reason === CANCEL_REASON)
      await markCancellationCarriedOut(ctx.redis, jobId).catch((error: Error) =>
        console.error(`worker: job ${jobId}: recording its cancel as done:`, error.message),
      );
  }
}

interface RunIdentity {
  fence: string;
  number: number;
  idBase: number;
  eventsOffset: number;
  signal: AbortSignal;
  abort(reason: string): void;
  /** Requests the run before this one left open when its worker died: this run's log says they were refused. */
  withdrawnRequests: string[];
  /** What held the job before this run (a usage limit, counted), if anything did. */
  previousHold: JobHold | undefined;
}

/** One run of a job through the Claude CLI: writes its output folder and records its end. */
async function executeRun(ctx: WorkerContext, job: Job<JobData>, run: RunIdentity): Promise<RunEnd> {
  const { config, redis } = ctx;
  const spec = job.data;
  const jobId = job.id as string;
  const paths = jobPaths(config.dataDir, jobId);
  const startedAt = Date.now();
  const timeoutSeconds = Math.min(
    spec.timeoutSeconds ?? config.defaultJobTimeoutSeconds,
    config.maxJobTimeoutSeconds,
  );
  const idleTimeoutSeconds = Math.min(
    spec.idleTimeoutSeconds ?? config.defaultIdleTimeoutSeconds,
    config.maxIdleTimeoutSeconds,
  );
  const abortReason = () => (typeof run.signal.reason === "string" ? run.signal.reason : undefined);
  // The first write that fails (a full or read-only disk) stops the run; its diagnosis is the job's.
  let writeFailure: Diagnosis | undefined;
  const stopForWriteFailure = (error: unknown, file: string) => {
    if (writeFailure) return;
    writeFailure = diagnoseWriteFailure(error, file);
    console.error(`worker: job ${jobId}: ${writeFailure.cause}`);
    ctx.onDataDirFault();
    run.abort(WRITE_FAILED_REASON);
  };

  let cwd: Awaited<ReturnType<typeof resolveJobCwd>> | undefined;
  // The CLI needs neither job.json nor the last result's new name: it starts while they are written, and a disk that
  // refuses them stops it as it would have stopped the start. Any other error is the run's, thrown once it is over.
  let prepared: Promise<void> = Promise.resolve();
  let preparationError: unknown;
  try {
    await mkdir(paths.dir, { recursive: true });
    cwd = await resolveJobCwd(spec, jobId, config.dataDir, config.allowedRoots, ctx.readSpec);
    const resolved = cwd;
    prepared = Promise.all([
      keepEarlierResult(paths.result, run.number),
      writeFileAtomic(
        paths.spec,
        `${JSON.stringify({ id: jobId, spec, createdAt: job.timestamp, cwd: resolved.ok ? resolved.cwd : null }, null, 2)}\n`,
      ),
    ]).then(
      () => {},
      (error: unknown) => {
        if (isDataDirFault(error)) stopForWriteFailure(error, paths.dir);
        else preparationError = error;
      },
    );
  } catch (error) {
    if (!isDataDirFault(error)) throw error;
    stopForWriteFailure(error, paths.dir);
  }

  let result: ResultEvent | undefined;
  let outcome: Outcome;
  let report: CliRunReport | undefined;
  let superseded = false;
  const sink = new JobEventSink({
    job,
    redis,
    eventsPath: paths.events,
    fence: run.fence,
    idBase: run.idBase,
    eventsOffset: run.eventsOffset,
    onWriteError: stopForWriteFailure,
    retryWrite: ctx.retryAfterFreedSpace,
    onSuperseded: () => {
      superseded = true;
      console.error(`worker: job ${jobId}: another run of it took over; stopping this one`);
      run.abort(SUPERSEDED_REASON);
    },
    isCurrent: async () => (await readRunRecord(redis, jobId))?.fence === run.fence,
    closePatienceMs: CLOSE_PATIENCE_MS,
  });
  if (writeFailure || !cwd) {
    outcome = { outcome: "failed", diagnosis: writeFailure };
  } else if (!cwd.ok) {
    outcome = { outcome: "failed", diagnosis: cwd.diagnosis };
  } else if (run.signal.aborted) {
    // Cancelled before it started: no CLI to run.
    outcome = cancelledOutcome(abortReason());
  } else {
    const trustedDirectory = (
      await checkAllowedDirectory(cwd.chosenDirectory ?? cwd.cwd, config.trustedRoots)
    ).ok;
    const worktree = cwd.git?.worktree;
    if (worktree) await registerRepository(redis, worktree.repository.root);
    // Shown on the job's page beside what the CLI says it loaded.
    sink.progress = {
      ...sink.progress,
      settingSources: trustedDirectory ? ALL_SETTING_SOURCES : UNTRUSTED_SETTING_SOURCES,
      ...(worktree
        ? {
            git: {
              repository: worktree.repository.root,
              branch: worktree.branch,
              base: worktree.baseName,
              baseCommit: worktree.baseCommit,
            },
          }
        : {}),
    };
    // The run's first line says what it can reach, so a refused read in its log explains itself.
    sink.push(
      JSON.stringify({
        type: "system",
        subtype: "isolation",
        level: ctx.isolation.level,
        detail: ctx.isolation.detail,
      }),
    );
    for (const requestId of run.withdrawnRequests) sink.push(workerStoppedRefusal(requestId));
    // A follow-up starts on the files of the jobs before it: what they were is kept, so its own changes can be told.
    const { history } = cwd;
    if (history && spec.parentJobId && run.number === 1)
      await (cwd.git ? Promise.resolve() : ensureRepository(history.place.gitDir, history.place.workTree))
        .then(() => recordJobStart(history, jobId))
        .catch((error: Error) =>
          console.error(`worker: job ${jobId}: its workspace's history: ${error.message}`),
        );
    const launch = await cliLaunch(ctx, spec, cwd, trustedDirectory);
    // An interactive run keeps the CLI's stdin for the answers of the people it asks.
    const conversation =
      spec.toolApprovals === "ask"
        ? await JobConversation.begin({
            redis,
            jobId,
            fence: run.fence,
            cwd: cwd.cwd,
            timeoutMs: config.approvalTimeoutSeconds * 1000,
            stopping: ctx.stopping,
            onWaiting: () => ctx.onAsking(job),
            pushLine: (line) => sink.push(line),
          })
        : undefined;
    report = await runCli({
      bin: launch.bin,
      args: launch.args,
      input: cliInput(spec),
      keepInputOpen: conversation !== undefined,
      onStarted: (controls) => conversation?.attach(controls),
      cwd: cwd.cwd,
      env: {
        ...ctx.cliEnvironment,
        ...launch.env,
        ...markerEnvironment({
          installation: ctx.installationId,
          worker: ctx.workerId,
          job: jobId,
          run: run.fence,
        }),
      },
      stderrPath: paths.stderr,
      onLine: (line) => {
        const parsed = sink.push(line);
        if (parsed.kind === "result") result = parsed.event;
        else if (parsed.kind === "init") ctx.onCliInit(parsed.event);
        conversation?.onLine(parsed);
      },
      // After an interrupt the CLI's result is no end: it waits for a person's next message.
      isFinalLine: () => result !== undefined && (conversation?.resultEndsRun ?? true),
      killLeftovers: () => ctx.killRunLeftovers(run.fence),
      onWriteError: stopForWriteFailure,
      timeoutMs: timeoutSeconds * 1000,
      idleTimeoutMs: idleTimeoutSeconds * 1000,
      killGraceMs: config.killGraceSeconds * 1000,
      exitGraceMs: ctx.exitGraceSeconds * 1000,
      signal: run.signal,
    });
    await conversation?.end();
    outcome = decideOutcome({
      result,
      run: report,
      claudeBin: ctx.claudeBin,
      timeoutSeconds,
      idleTimeoutSeconds,
      abortReason: abortReason(),
      writeFailure,
      usageLimit: sink.progress.usageLimit,
    });
  }
  await prepared;
  await sink.close();
  if (preparationError) throw preparationError;
  if (superseded) return { superseded: true };
  if (report?.stoppedBy === "aborted" && abortReason() === REQUEUE_REASON && !writeFailure) {
    await finishRun(redis, jobId, run.fence, { requeued: true });
    return { requeued: true };
  }

  const jobResult: JobResult = {
    attempt: run.number,
    ...outcome,
    exitCode: report?.exitCode ?? null,
    signal: report?.signal ?? null,
    subtype: result?.subtype ?? null,
    sessionId: result?.session_id ?? sink.progress.sessionId,
    numTurns: result?.num_turns,
    costUsd: result?.total_cost_usd,
    permissionDenials: result?.permission_denials ?? [],
    startedAt,
    finishedAt: Date.now(),
    stderrTail: report?.stderrTail ?? "",
  };
  const held = usageLimitHold(ctx, spec, jobResult, sink.progress.outputTokens > 0, run.previousHold);
  if (held && "runaway" in held) jobResult.diagnosis = held.runaway;
  await saveResult(ctx, jobId, paths.result, jobResult);
  // Recorded before BullMQ hears of it: if BullMQ then refuses the completion (a lock lost in an outage), the
  // job's next handler finds this result instead of running the job again. A held job runs again: its record says so.
  const recorded =
    held && "hold" in held
      ? await finishRun(redis, jobId, run.fence, { requeued: true })
      : await finishRun(redis, jobId, run.fence, { result: jobResult });
  if (!recorded) return { superseded: true };
  const { inputTokens, outputTokens, model } = sink.progress;
  if ((jobResult.costUsd ?? 0) > 0 || inputTokens + outputTokens > 0)
    await recordAttemptUsage(
      redis,
      {
        jobId,
        attempt: run.number,
        at: jobResult.finishedAt,
        model: model ?? spec.model ?? "unknown",
        directory: spec.workingDirectory ?? SCRATCH_DIRECTORY,
        costUsd: jobResult.costUsd ?? 0,
        inputTokens,
        outputTokens,
        outcome: jobResult.outcome,
      },
      config.usageTimeZone,
    ).catch((error: Error) => console.error(`worker: job ${jobId}: recording its cost:`, error.message));
  if (held && "hold" in held) {
    console.log(
      `worker: job ${jobId}: stopped by the usage limit; it resumes at ${new Date(held.hold.until).toISOString()}`,
    );
    return { held: held.hold };
  }
  return { result: jobResult };
}

/**
 * Whether a run the account's usage limit stopped makes its job wait for the reset (and how long it has waited in a
 * row without the model writing a word), or, past MAX_LIMITED_RUNS such runs, stops it with the reason.
 */
function usageLimitHold(
  ctx: WorkerContext,
  spec: JobData,
  result: JobResult,
  progressed: boolean,
  previous: JobHold | undefined,
): { hold: JobHold } | { runaway: Diagnosis } | undefined {
  const resetsAt = result.usageLimitResetsAt;
  if (result.diagnosis?.code !== "usage-limit" || resetsAt === undefined) return undefined;
  if ((spec.onUsageLimit ?? (ctx.config.waitForUsageLimits ? "wait" : "fail")) === "fail") return undefined;
  const streak = progressed || previous?.reason !== "usage-limit" ? 1 : (previous.streak ?? 1) + 1;
  if (streak > MAX_LIMITED_RUNS)
    return {
      runaway: {
        code: "usage-limit-runaway",
        cause: `The usage limit stopped this job ${streak} runs in a row, each time before the model wrote a word, so it stopped waiting for resets: a reset that does not free the limit would keep it waiting forever.`,
        fix: "Check the account's usage (claude /usage, or the Console) and its plan's limits, then retry the job.",
      },
    };
  const until = Math.max(resetsAt, Date.now()) + USAGE_LIMIT_MARGIN_MS;
  const at = new Date(resetsAt).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: ctx.config.usageTimeZone,
  });
  return {
    hold: {
      reason: "usage-limit",
      message: `The Claude usage limit was reached; it resumes at ${at}${streak > 1 ? ` (stopped ${streak} runs in a row)` : ""}`,
      until,
      streak,
    },
  };
}

/** The command that runs the CLI: itself, or inside a sandbox that shows it only its own directories. */
async function cliLaunch(
  ctx: WorkerContext,
  spec: JobData,
  cwd: { cwd: string; sessionHome: string; git?: { writable: string[]; readable: string[] } },
  trustedDirectory: boolean,
): Promise<{ bin: string; args: string[]; env: Record<string, string> }> {
  if (ctx.isolation.level !== "sandbox" || !ctx.sandboxTools)
    return { bin: ctx.claudeBin, args: buildCliArgs(spec, { trustedDirectory }), env: {} };
  await mkdir(cwd.sessionHome, { recursive: true });
  const extraDirectories = spec.additionalDirectories ?? [];
  // A git job's checkout and the parts of its repository git writes to, which the CLI is not told of as its own.
  const gitDirectories = cwd.git?.writable ?? [];
  const settings = sandboxSettings([...extraDirectories, ...gitDirectories], ctx.isolation.networkDomains);
  const command = sandboxCommand(
    ctx.sandboxTools,
    {
      cliBin: ctx.claudeBin,
      dataDir: ctx.config.dataDir,
      cwd: cwd.cwd,
      extraDirectories: [...extraDirectories, ...gitDirectories],
      readOnlyDirectories: cwd.git?.readable ?? [],
      sessionHome: cwd.sessionHome,
      operatorConfigDir: operatorConfigDirOf(ctx.cliEnvironment),
    },
    buildCliArgs(spec, { trustedDirectory, settings }),
  );
  return { ...command, env: { CLAUDE_CONFIG_DIR: cwd.sessionHome } };
}

/** A new run keeps what earlier runs left: the log grows, and the last result gets a name of its own. */
async function keepEarlierResult(resultPath: string, runNumber: number): Promise<void> {
  const text = await readFile(resultPath, "utf8").catch(() => undefined);
  if (text === undefined) return;
  let earlier: JobResult | undefined;
  try {
    earlier = jobResultSchema.safeParse(JSON.parse(text)).data;
  } catch {
    // Half-written by a disk that filled up: kept under its attempt's name all the same.
  }
  const number = earlier?.attempt ?? runNumber - 1;
  await rename(resultPath, resultPath.replace(/\.json$/, `.attempt-${number}.json`));
}

/** result.json, whole or not at all; a disk that refuses it does not lose the result, which Redis keeps too. */
async function saveResult(ctx: WorkerContext, jobId: string, file: string, result: JobResult): Promise<void> {
  try {
    await writeFileAtomic(file, `${JSON.stringify(result, null, 2)}\n`);
    ctx.onResultSaved(jobId);
  } catch (error) {
    if (!isDataDirFault(error)) throw error;
    console.error(`worker: job ${jobId}: ${diagnoseWriteFailure(error, file).cause}`);
    ctx.onDataDirFault();
  }
}

/** Ends a job whose workers kept dying while they ran it, saying so, instead of handing it to the next one. */
async function failCrashed(
  ctx: WorkerContext,
  job: Job<JobData>,
  decision: Extract<RunDecision, { kind: "fail-crashed" }>,
): Promise<RunEnd | undefined> {
  const jobId = job.id as string;
  const paths = jobPaths(ctx.config.dataDir, jobId);
  const fence = newFence();
  const idBase = Math.max(Date.now(), decision.mend.idBase + 1);
  const number = await claimRun(ctx.redis, jobId, decision.expectedFence, {
    fence,
    worker: ctx.workerId,
    attemptsMade: job.attemptsMade,
    idBase,
    eventsOffset: await fileSize(paths.events),
    crashes: decision.crashes,
  });
  if (number === 0) return undefined;
  await mendRunStream(ctx.redis, jobId, decision.mend, paths.events, fence);
  await withdrawRunRequests(ctx.redis, jobId, decision.mend.fence);
  const reason = await readWorkerExit(ctx.redis, decision.mend.worker);
  const now = Date.now();
  const result: JobResult = {
    attempt: decision.mend.number,
    outcome: "failed",
    diagnosis: crashDiagnosis(decision.crashes, reason),
    exitCode: null,
    signal: null,
    subtype: null,
    permissionDenials: [],
    startedAt: now,
    finishedAt: now,
    stderrTail: "",
  };
  await keepEarlierResult(paths.result, decision.mend.number).catch(() => {});
  await saveResult(ctx, jobId, paths.result, result);
  if (!(await finishRun(ctx.redis, jobId, fence, { result }))) return undefined;
  return { result };
}

function crashDiagnosis(crashes: number, reason: string | undefined): Diagnosis {
  return {
    code: "worker-crashed",
    cause: `The worker crashed while running this job, ${crashes} times in a row (the last one: ${reason ?? "it stopped renewing its heartbeat: killed, out of memory, or its host went down"}), so it was not handed to another worker again.`,
    fix: "Check the worker's log and the host around that time (a job's CLI and its tools can use more memory than the host has: the kernel log names out-of-memory kills), then retry the job.",
  };
}
