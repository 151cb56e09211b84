import "server-only";
import type { Redis } from "ioredis";
import { z } from "zod";
import { cliInitReportSchema } from "./cli/cli-init-report";
import { KEY_PREFIX } from "./queue";
import { redactUrlCredentials } from "./redact-url";
import { jobIsolationSchema } from "./workers/job-isolation";

/** What a worker tells the dashboard about itself and the CLI it runs, refreshed while it lives. */
export const cliInfoSchema = z.object({
  bin: z.string(),
  /** Where the worker found it: the CLAUDE_BIN setting, PATH, or the copy bundled with the dashboard. */
  source: z.enum(["CLAUDE_BIN", "PATH", "bundled"]),
  version: z.string().nullable(),
  /** Why the version could not be read (the CLI is missing or broken), when it could not. */
  problem: z.string().nullable(),
  credentials: z.enum(["api-key", "auth-token", "login", "none"]),
  /** Without credentials, even as an older worker stored it. */
  apiBaseUrl: z
    .string()
    .nullable()
    .overwrite((url) => url && redactUrlCredentials(url)),
  /** The launcher's demo: a local stand-in for the API answers. */
  demo: z.boolean(),
  /** The CLI refuses bypassPermissions as root unless IS_SANDBOX=1: the form warns before such a job is sent. */
  refusesBypassPermissions: z.boolean(),
  /** What the latest job's init event said of the CLI; null until a job ran. */
  reported: cliInitReportSchema.nullable().default(null),
});
export type CliInfo = z.infer<typeof cliInfoSchema>;

/** Whether the worker's data directory can take a job's output; below the threshold the worker takes no job. */
export const dataDirStatusSchema = z.object({
  path: z.string(),
  /** Bytes free for the worker's user; null when they could not be read. */
  freeBytes: z.number().nullable(),
  minFreeBytes: z.number(),
  /** Why the worker takes no job now (full, read-only, unreadable), with what to do; null when it is usable. */
  problem: z.object({ title: z.string(), fix: z.string() }).nullable(),
});
export type DataDirStatus = z.infer<typeof dataDirStatusSchema>;

export const workerStatusSchema = z.object({
  /** Random per start: the processes of its jobs carry it, and its heartbeat key says whether it lives. */
  id: z.string(),
  host: z.string(),
  pid: z.number(),
  concurrency: z.number(),
  startedAt: z.number(),
  seenAt: z.number(),
  cli: cliInfoSchema,
  /** Absent from workers older than job isolation. */
  isolation: jobIsolationSchema.optional(),
  dataDir: dataDirStatusSchema.optional(),
  /** Jobs it runs now. */
  running: z.number().default(0),
  /** Asked to drain: it finishes what it runs and takes nothing new. */
  draining: z.boolean().default(false),
  /** The dashboard's version it runs (package.json), to tell workers left behind by an upgrade. */
  appVersion: z.string().optional(),
});
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

const WORKERS_KEY = `${KEY_PREFIX}:workers`;
export const WORKER_STATUS_INTERVAL_MS = 15_000;
/** A worker not heard from for this long is gone (crashed, or its host is unreachable). */
const WORKER_STALE_MS = 3 * WORKER_STATUS_INTERVAL_MS;

export async function publishWorkerStatus(redis: Redis, status: WorkerStatus): Promise<void> {
  await redis.hset(WORKERS_KEY, status.id, JSON.stringify(status));
}

export async function removeWorkerStatus(redis: Redis, id: string): Promise<void> {
  await redis.hdel(WORKERS_KEY, id);
}

/** The workers heard from recently; entries of workers that went silent are dropped. */
export async function readWorkerStatuses(redis: Redis, now = Date.now()): Promise<WorkerStatus[]> {
  const entries = await redis.hgetall(WORKERS_KEY);
  const live: WorkerStatus[] = [];
  const stale: string[] = [];
  for (const [id, value] of Object.entries(entries)) {
    const parsed = workerStatusSchema.safeParse(JSON.parse(value));
    if (parsed.success && now - parsed.data.seenAt < WORKER_STALE_MS) live.push(parsed.data);
    else stale.push(id);
  }
  if (stale.length > 0) await redis.hdel(WORKERS_KEY, ...stale);
  return live.sort((a, b) => a.startedAt - b.startedAt);
}

/** The report of the worker process `pid` on `host`, stale or not: the launcher looks up the worker it ran. */
export async function findWorkerStatus(
  redis: Redis,
  host: string,
  pid: number,
): Promise<WorkerStatus | undefined> {
  for (const value of Object.values(await redis.hgetall(WORKERS_KEY))) {
    const parsed = workerStatusSchema.safeParse(JSON.parse(value));
    if (parsed.success && parsed.data.host === host && parsed.data.pid === pid) return parsed.data;
  }
  return undefined;
}
