import type { SystemStatus } from "./jobs/get-system-status";

export interface HealthProblem {
  /** "down": jobs cannot run at all; "degraded": they run, but not as they should. */
  level: "down" | "degraded";
  title: string;
  fix: string;
}

/** What is wrong with the system, most fundamental first, each with what to do about it. */
export function healthProblems(status: SystemStatus): HealthProblem[] {
  if (!status.redis.ok) {
    return [
      {
        level: "down",
        title: `Redis is unreachable (${status.redis.error ?? "no answer"}): jobs can be neither queued nor shown.`,
        fix: "Start Redis (npm start runs its own) or point REDIS_URL at a running one.",
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
  if (status.queuePaused) {
    problems.push({
      level: "degraded",
      title: "The queue is paused: running jobs finish, but no new job starts.",
      fix: "Resume it in the queue view (Queue, at the top).",
    });
  }
  const broken = status.workers.filter((worker) => worker.cli.problem);
  if (broken.length > 0) {
    problems.push({
      level: broken.length === status.workers.length ? "down" : "degraded",
      title: `The Claude CLI cannot run on ${broken.length} of ${status.workers.length} worker(s): ${broken[0]?.cli.problem}`,
      fix: "Install it (npm install) or set CLAUDE_BIN to its path, then restart the worker.",
    });
  }
  const unauthenticated = status.workers.filter(
    (worker) => !worker.cli.problem && worker.cli.credentials === "none",
  );
  if (unauthenticated.length > 0) {
    problems.push({
      level: "degraded",
      title: `The Claude CLI has no credentials on ${unauthenticated.length} worker(s): its jobs will fail to authenticate.`,
      fix: "Set ANTHROPIC_API_KEY (or log in with claude /login as the worker's user), then restart the worker.",
    });
  }
  return problems;
}
