import path from "node:path";
import { type ManagedChild, startChild } from "../lib/child-process-group";

/** The bare baseline's queue: on the same Redis as ours, under a prefix of its own. */
export const BARE_QUEUE = "bare";
export const BARE_PREFIX = "{bare}";

export interface WorkerContext {
  root: string;
  redisUrl: string;
  dataDir: string;
  cli: string;
}

/** Our worker, as the launcher starts it, running the bench CLI. */
export function startOurWorker(
  context: WorkerContext,
  concurrency: number,
  nodeOptions: string[] = [],
): ManagedChild {
  return startChild(
    "worker",
    process.execPath,
    [
      ...nodeOptions,
      "--conditions=react-server",
      "--import",
      "tsx",
      path.join(context.root, "worker/main.ts"),
    ],
    {
      cwd: context.root,
      env: {
        ...process.env,
        REDIS_URL: context.redisUrl,
        DATA_DIR: context.dataDir,
        CLAUDE_BIN: context.cli,
        ANTHROPIC_API_KEY: "bench",
        WORKER_CONCURRENCY: String(concurrency),
        // Logs leave Redis as soon as their job finishes: the work that retention only postpones is measured too.
        LOG_RETENTION_SECONDS: "0",
        // Unsandboxed, as the bare baseline is: a sandboxed CLI sees a private /tmp, where the start tracker's FIFO
        // is not, and the figures would no longer compare like with like. The sandbox's own cost is not measured here.
        JOB_ISOLATION: "none",
      },
      readyLine: "worker: ready",
    },
  );
}

export function startBareWorker(context: WorkerContext, concurrency: number): ManagedChild {
  return startChild(
    "bare-worker",
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(context.root, "scripts/bench/bare-worker.ts"),
      context.redisUrl,
      BARE_QUEUE,
      BARE_PREFIX,
      String(concurrency),
      context.cli,
    ],
    { cwd: context.root, env: process.env, readyLine: "bare-worker: ready" },
  );
}
