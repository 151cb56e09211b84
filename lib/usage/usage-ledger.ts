import type { Redis } from "ioredis";
import { z } from "zod";
import { KEY_PREFIX } from "../queue";
import { usageDay } from "./usage-day";

/** What one attempt of a job cost: kept in the ledger after the job itself is deleted. */
export const ledgerEntrySchema = z.object({
  jobId: z.string(),
  attempt: z.number(),
  /** When the attempt ended, ms since 1970. */
  at: z.number(),
  model: z.string(),
  /** The job's working directory, or "scratch" for a job in a scratch workspace. */
  directory: z.string(),
  costUsd: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  outcome: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const SCRATCH_DIRECTORY = "scratch";

const LEDGER_KEY = `${KEY_PREFIX}:ledger`;
/** Which runs are in the ledger already: a run recorded twice (its worker retried the write) counts once. */
const LEDGER_RUNS_KEY = `${KEY_PREFIX}:ledger:runs`;
/** About a year of a busy dashboard's attempts; each day's totals are kept whole besides. */
const LEDGER_MAX_ENTRIES = 200_000;
const dayKey = (day: string) => `${KEY_PREFIX}:usage:${day}`;

/** Each day's totals: all, and by model and by directory, under fields like `cost`, `cost@model:opus`. */
const RECORD_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], 1) == 0 then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'entry', ARGV[3])
local n = 4
while n <= #ARGV do
  redis.call('HINCRBYFLOAT', KEYS[3], ARGV[n], ARGV[n + 1])
  n = n + 2
end
return 1`;

/** Adds an attempt to the ledger and to its day's totals, once per run (`runId`), in one script. */
export async function recordAttemptUsage(
  redis: Redis,
  runId: string,
  entry: LedgerEntry,
  timeZone: string,
): Promise<boolean> {
  const totals: [string, number][] = [];
  for (const scope of ["", `@model:${entry.model}`, `@dir:${entry.directory}`])
    totals.push(
      [`cost${scope}`, entry.costUsd],
      [`in${scope}`, entry.inputTokens],
      [`out${scope}`, entry.outputTokens],
      [`n${scope}`, 1],
    );
  const recorded = (await redis.eval(
    RECORD_SCRIPT,
    3,
    LEDGER_RUNS_KEY,
    LEDGER_KEY,
    dayKey(usageDay(entry.at, timeZone)),
    runId,
    LEDGER_MAX_ENTRIES,
    JSON.stringify(entry),
    ...totals.flat(),
  )) as number;
  return recorded === 1;
}

export interface UsageTotals {
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  attempts: number;
}

export interface DayUsage extends UsageTotals {
  day: string;
  byModel: Record<string, UsageTotals>;
  byDirectory: Record<string, UsageTotals>;
}

/** Each day's totals, for the days asked, in one round trip. */
export async function readDayUsage(redis: Redis, days: readonly string[]): Promise<DayUsage[]> {
  const pipeline = redis.pipeline();
  for (const day of days) pipeline.hgetall(dayKey(day));
  const replies = (await pipeline.exec()) ?? [];
  return days.map((day, index) => dayUsageOf(day, (replies[index]?.[1] ?? {}) as Record<string, string>));
}

/** The day's spend so far, for the budget: one field. */
export async function readDayCost(redis: Redis, day: string): Promise<number> {
  return Number((await redis.hget(dayKey(day), "cost")) ?? 0);
}

/** The last attempts in the ledger, newest first. */
export async function readLedger(redis: Redis, count: number): Promise<LedgerEntry[]> {
  const entries = (await redis.xrevrange(LEDGER_KEY, "+", "-", "COUNT", count)) as [string, string[]][];
  return entries.flatMap(([, fields]) => {
    const parsed = ledgerEntrySchema.safeParse(JSON.parse(fields[1] ?? "null"));
    return parsed.success ? [parsed.data] : [];
  });
}

function dayUsageOf(day: string, fields: Record<string, string>): DayUsage {
  const totalsOf = (scope: string): UsageTotals => ({
    costUsd: Number(fields[`cost${scope}`] ?? 0),
    inputTokens: Number(fields[`in${scope}`] ?? 0),
    outputTokens: Number(fields[`out${scope}`] ?? 0),
    attempts: Number(fields[`n${scope}`] ?? 0),
  });
  const scoped = (prefix: string) =>
    Object.fromEntries(
      Object.keys(fields)
        .filter((field) => field.startsWith(`n${prefix}`))
        .map((field) => {
          const name = field.slice(`n${prefix}`.length);
          return [name, totalsOf(`${prefix}${name}`)];
        }),
    );
  return { day, ...totalsOf(""), byModel: scoped("@model:"), byDirectory: scoped("@dir:") };
}
