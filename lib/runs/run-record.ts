import "server-only";
import type { Redis } from "ioredis";
import { z } from "zod";
import { jobResultSchema } from "../job-result";
import { KEY_PREFIX } from "../queue";

/**
 * The fence of a job's runs: which run of the job is the current one, on which worker, and how the last one ended.
 * BullMQ's lock is not enough: it expires during a Redis outage and BullMQ then hands the job to a second run while
 * the first still works. Only the run whose `fence` is current may write the job's stream, its result or signal its
 * processes; a run is started only by replacing the fence it was decided against (compare and set).
 */
export function runRecordKey(jobId: string): string {
  return `${KEY_PREFIX}:run:${jobId}`;
}

export const runRecordSchema = z.object({
  /** The current run's id; job processes carry it (CCW_RUN_ID). */
  fence: z.string(),
  /** The worker that runs it (its random id, with a heartbeat key while it lives). */
  worker: z.string(),
  /** Runs of this job so far, this one included: result files are numbered by it. */
  number: z.coerce.number(),
  /** BullMQ's attemptsMade when the run started: once it moves on, BullMQ has applied the run's outcome. */
  attemptsMade: z.coerce.number(),
  state: z.enum(["running", "finished"]),
  /** The run's stream entries are `<idBase>-<n>` for its n-th line, and its lines start at this byte of events.jsonl. */
  idBase: z.coerce.number(),
  eventsOffset: z.coerce.number(),
  /** Runs in a row that ended with their worker's death. */
  crashes: z.coerce.number().default(0),
  /** Set once finished: the run's result, or "requeued" when a stopping worker handed the job back unfinished. */
  result: z
    .string()
    .optional()
    .transform((value) => {
      if (!value) return undefined;
      try {
        return jobResultSchema.safeParse(JSON.parse(value)).data;
      } catch {
        return undefined;
      }
    }),
  requeued: z
    .enum(["0", "1"])
    .optional()
    .transform((value) => value === "1"),
});
export type RunRecord = z.output<typeof runRecordSchema>;

/** The job's current run record, or undefined when it never ran (or its record is unreadable). */
export async function readRunRecord(redis: Redis, jobId: string): Promise<RunRecord | undefined> {
  const fields = await redis.hgetall(runRecordKey(jobId));
  if (!fields.fence) return undefined;
  return runRecordSchema.safeParse(fields).data;
}

export interface RunStart {
  fence: string;
  worker: string;
  attemptsMade: number;
  idBase: number;
  eventsOffset: number;
  crashes: number;
}

const CLAIM = `
local current = redis.call("HGET", KEYS[1], "fence") or ""
if current ~= ARGV[1] then return 0 end
local number = redis.call("HINCRBY", KEYS[1], "number", 1)
redis.call("HDEL", KEYS[1], "result", "requeued")
redis.call("HSET", KEYS[1], "fence", ARGV[2], "worker", ARGV[3], "attemptsMade", ARGV[4], "state", "running",
  "idBase", ARGV[5], "eventsOffset", ARGV[6], "crashes", ARGV[7])
return number`;

/**
 * Makes `start` the job's current run, if the current fence is still `expectedFence` ("" for a job that never ran).
 * Returns the run's number, or 0 when another worker claimed the job first.
 */
export async function claimRun(
  redis: Redis,
  jobId: string,
  expectedFence: string,
  start: RunStart,
): Promise<number> {
  return Number(
    await redis.eval(
      CLAIM,
      1,
      runRecordKey(jobId),
      expectedFence,
      start.fence,
      start.worker,
      start.attemptsMade,
      start.idBase,
      start.eventsOffset,
      start.crashes,
    ),
  );
}

const FINISH = `
if redis.call("HGET", KEYS[1], "fence") ~= ARGV[1] then return 0 end
redis.call("HSET", KEYS[1], "state", "finished", "result", ARGV[2], "requeued", ARGV[3], "crashes", "0")
return 1`;

/** Records how the run `fence` ended; false when it is no longer the current run (its result is then not kept). */
export async function finishRun(
  redis: Redis,
  jobId: string,
  fence: string,
  outcome: { result: z.input<typeof jobResultSchema> } | { requeued: true },
): Promise<boolean> {
  const result = "result" in outcome ? JSON.stringify(outcome.result) : "";
  const requeued = "requeued" in outcome ? "1" : "0";
  return (await redis.eval(FINISH, 1, runRecordKey(jobId), fence, result, requeued)) === 1;
}

// Rewritten rather than trimmed with HDEL: a small hash is one listpack that keeps its size when fields go.
const FORGET_RESULT = `
if redis.call("HGET", KEYS[1], "state") ~= "finished" then return 0 end
local fields = redis.call("HGETALL", KEYS[1])
local kept = {}
for i = 1, #fields, 2 do
  local name, value = fields[i], fields[i + 1]
  if name ~= "result" and not (name == "requeued" and value == "0") then
    kept[#kept + 1] = name
    kept[#kept + 1] = value
  end
end
redis.call("DEL", KEYS[1])
redis.call("HSET", KEYS[1], unpack(kept))
return 1`;

/**
 * Drops finished runs' copies of their results, once BullMQ has applied them and result.json holds them: the copy
 * exists for a completion BullMQ refused and for a disk that refused the file, and is otherwise Redis memory held
 * forever. One round trip for all of them.
 */
export async function forgetRunResults(redis: Redis, jobIds: readonly string[]): Promise<void> {
  if (jobIds.length === 0) return;
  const batch = redis.pipeline();
  for (const jobId of jobIds) batch.eval(FORGET_RESULT, 1, runRecordKey(jobId));
  for (const [error] of (await batch.exec()) ?? []) if (error) throw error;
}

/** Forgets a job's runs, when the job is deleted. */
export async function deleteRunRecord(redis: Redis, jobId: string): Promise<void> {
  await redis.del(runRecordKey(jobId));
}
