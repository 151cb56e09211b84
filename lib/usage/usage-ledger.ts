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
/** About a year of a busy dashboard's attempts; each day's totals are kept whole besides. */
const LEDGER_MAX_ENTRIES = 200_000;
const dayKey = (day: string) => `${KEY_PREFIX}:usage:${day}`;
/** An entry's fields in this order, as the stream's own fields: entries with the same fields share their names. */
const ENTRY_FIELDS = [
  "jobId",
  "attempt",
  "at",
  "model",
  "directory",
  "costUsd",
  "inputTokens",
  "outputTokens",
  "outcome",
] as const;

/** Each day's totals: all, and by model and by directory, under fields like `cost`, `cost@model:opus`. */
const RECORD_SCRIPT = `
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, 3, 2 + 2 * tonumber(ARGV[2])))
local n = 3 + 2 * tonumber(ARGV[2])
while n <= #ARGV do
  redis.call('HINCRBYFLOAT', KEYS[2], ARGV[n], ARGV[n + 1])
  n = n + 2
end
return 1`;

/**
 * Adds a run to the ledger and to its day's totals, in one script. Called once per run, when its end is recorded:
 * the run record's fence lets only one worker record an end.
 */
export async function recordAttemptUsage(redis: Redis, entry: LedgerEntry, timeZone: string): Promise<void> {
  const totals: [string, number][] = [];
  for (const scope of ["", `@model:${entry.model}`, `@dir:${entry.directory}`])
    totals.push(
      [`cost${scope}`, entry.costUsd],
      [`in${scope}`, entry.inputTokens],
      [`out${scope}`, entry.outputTokens],
      [`n${scope}`, 1],
    );
  await redis.eval(
    RECORD_SCRIPT,
    2,
    LEDGER_KEY,
    dayKey(usageDay(entry.at, timeZone)),
    LEDGER_MAX_ENTRIES,
    ENTRY_FIELDS.length,
    ...ENTRY_FIELDS.flatMap((field) => [field, String(entry[field])]),
    ...totals.flat(),
  );
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
    const values = Object.fromEntries(
      Array.from({ length: fields.length / 2 }, (_, index) => [fields[2 * index], fields[2 * index + 1]]),
    );
    const parsed = ledgerEntrySchema.safeParse({
      ...values,
      attempt: Number(values.attempt),
      at: Number(values.at),
      costUsd: Number(values.costUsd),
      inputTokens: Number(values.inputTokens),
      outputTokens: Number(values.outputTokens),
    });
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
