import { cliDefects, effectiveCliVersion, MIN_CLI_VERSION } from "./cli/cli-version";
import { countOf, formatCost } from "./format";
import type { SystemStatus } from "./jobs/get-system-status";

export interface HealthProblem {
  /** "down": jobs cannot run at all; "degraded": they run, but not as they should. */
  level: "down" | "degraded";
  title: string;
  fix: string;
}

/** What is wrong with the system, most fundamental first, each with what to do about it. */
export function healthProblems(status: SystemStatus): HealthProblem[] {
  const redisRestart = status.launcher?.redis;
  if (redisRestart?.state === "restarting") {
    return [
      {
        level: "down",
        title: `Redis is restarting (attempt ${redisRestart.attempt}): it stopped (${redisRestart.lastExit?.reason ?? "no reason given"}). Jobs can be neither queued nor shown until it is back.`,
        fix: "Running jobs go on and their logs catch up once it is back. If it keeps stopping, the launcher's output shows redis-server's error (a full disk, say).",
      },
    ];
  }
  if (!status.redis.ok) {
    return [
      {
        level: "down",
        title: `Redis is unreachable (${status.redis.error ?? "no answer"}): jobs can be neither queued nor shown.`,
        fix: "Start Redis (npm start runs its own) or point REDIS_URL at a running one.",
      },
    ];
  }
  const workerRestart = status.launcher?.worker;
  if (workerRestart?.state === "restarting") {
    return [
      {
        level: "down",
        title: `The worker is restarting (attempt ${workerRestart.attempt}): it stopped (${workerRestart.lastExit?.reason ?? "no reason given"}).`,
        fix: "Jobs wait and the ones it was running start again once it is back; a job it was running each time it crashed, twice, fails with the crash's reason. If it keeps stopping, see the launcher's output.",
      },
    ];
  }
  if (status.queueWorkers === 0 || status.workers.length === 0) {
    return [
      {
        level: "down",
        title: "No worker is online: new jobs will wait until one starts.",
        fix: "Start one with npm start (dashboard and worker) or npm run worker.",
      },
    ];
  }
  const problems: HealthProblem[] = [];
  if (status.budget?.reached) {
    problems.push({
      level: "degraded",
      title: `Today's budget of ${formatCost(status.budget.limitUsd)} is spent (${formatCost(status.budget.spentUsd)}): new jobs wait until ${new Date(status.budget.resetsAt).toLocaleString()}.`,
      fix: "Lift it for today on the Usage page to run them now, or raise DAILY_BUDGET_USD.",
    });
  }
  if (status.queuePaused) {
    problems.push({
      level: "degraded",
      title: "The queue is paused: running jobs finish, but no new job starts.",
      fix: "Resume it in the queue view (Queue, at the top).",
    });
  }
  const starved = status.workers.filter((worker) => worker.dataDir?.problem);
  const dataDirProblem = starved[0]?.dataDir?.problem;
  if (dataDirProblem) {
    problems.push({
      level: starved.length === status.workers.length ? "down" : "degraded",
      title: `${starved.length} of ${countOf(status.workers.length, "worker")} ${starved.length === 1 ? "takes" : "take"} no new job: ${dataDirProblem.title}`,
      fix: dataDirProblem.fix,
    });
  }
  const broken = status.workers.filter((worker) => worker.cli.problem);
  if (broken.length > 0) {
    problems.push({
      level: broken.length === status.workers.length ? "down" : "degraded",
      title: `The Claude CLI cannot run on ${broken.length} of ${countOf(status.workers.length, "worker")}: ${broken[0]?.cli.problem}`,
      fix: "Install it (npm install) or set CLAUDE_BIN to its path, then restart the worker.",
    });
  }
  const outdated = status.workers.filter((worker) => cliDefects(worker.cli).length > 0);
  const first = outdated[0]?.cli;
  if (first) {
    problems.push({
      level: "degraded",
      title: `The Claude CLI on ${countOf(outdated.length, "worker")} is ${effectiveCliVersion(first) ?? "of an unknown version"}, older than ${MIN_CLI_VERSION}: ${cliDefects(first).join("; ")}.`,
      fix: "Unset CLAUDE_BIN (or take the other claude off PATH) to run the bundled CLI, or upgrade yours (npm install -g @anthropic-ai/claude-code@latest), then restart the worker.",
    });
  }
  const unisolated = status.workers.filter((worker) => worker.isolation?.level === "none");
  const isolationDetail = unisolated[0]?.isolation?.detail;
  if (isolationDetail) {
    problems.push({
      level: "degraded",
      title: `Jobs on ${unisolated.length} of ${countOf(status.workers.length, "worker")} are not isolated: a job can read the dashboard's data (its session secret, other jobs' folders) and reach its Redis.`,
      fix: isolationDetail.replace(/^Jobs are not isolated: [^.]*\. /, ""),
    });
  }
  const unauthenticated = status.workers.filter(
    (worker) => !worker.cli.problem && worker.cli.credentials === "none",
  );
  if (unauthenticated.length > 0) {
    problems.push({
      level: "degraded",
      title: `The Claude CLI has no credentials on ${countOf(unauthenticated.length, "worker")}: its jobs will fail to authenticate.`,
      fix: "Set ANTHROPIC_API_KEY (or log in with claude /login as the worker's user), then restart the worker.",
    });
  }
  return problems;
}
