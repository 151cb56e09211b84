import "server-only";
import { z } from "zod";
import { getConfig } from "../config";
import { decimalNumber } from "../decimal-number";
import { getQueueRedis } from "../queue";
import { readBudgetState } from "./daily-budget";
import { daysUpTo } from "./usage-day";
import { type DayUsage, ledgerEntrySchema, readDayUsage, readLedger, type UsageTotals } from "./usage-ledger";

export const USAGE_RANGES = [7, 30, 90] as const;

/** What the Usage page's address may ask: how many days back. */
export const usageQuerySchema = z.strictObject({
  days: decimalNumber(
    z
      .number({ error: `days must be one of ${USAGE_RANGES.join(", ")}` })
      .refine((days) => (USAGE_RANGES as readonly number[]).includes(days), {
        error: `days must be one of ${USAGE_RANGES.join(", ")}`,
      })
      .default(30),
  ),
});

const usageTotalsSchema = z.object({
  costUsd: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  attempts: z.number(),
});
const namedUsageSchema = usageTotalsSchema.extend({ name: z.string() });
export type NamedUsage = z.infer<typeof namedUsageSchema>;

export const usageViewSchema = z.object({
  timeZone: z.string(),
  days: z.array(usageTotalsSchema.extend({ day: z.string() })),
  total: usageTotalsSchema,
  byModel: z.array(namedUsageSchema),
  byDirectory: z.array(namedUsageSchema),
  budget: z.object({
    limitUsd: z.number().nullable(),
    spentUsd: z.number(),
    day: z.string(),
    lifted: z.boolean(),
    reached: z.boolean(),
    resetsAt: z.number(),
  }),
  /** The last attempts, newest first: what the totals are made of. */
  recent: z.array(ledgerEntrySchema),
});
export type UsageView = z.infer<typeof usageViewSchema>;

const RECENT_ATTEMPTS = 20;

/** The Usage page: cost and tokens by day, model and directory over the last `days`, and today against the budget. */
export async function getUsageView(days: number): Promise<UsageView> {
  const config = getConfig();
  const redis = getQueueRedis();
  const now = Date.now();
  const [usage, budget, recent] = await Promise.all([
    readDayUsage(redis, daysUpTo(now, days, config.usageTimeZone)),
    readBudgetState(redis, config, now),
    readLedger(redis, RECENT_ATTEMPTS),
  ]);
  return {
    timeZone: config.usageTimeZone,
    days: usage.map(({ day, costUsd, inputTokens, outputTokens, attempts }) => ({
      day,
      costUsd,
      inputTokens,
      outputTokens,
      attempts,
    })),
    total: sumOf(usage),
    byModel: namedTotals(usage, (day) => day.byModel),
    byDirectory: namedTotals(usage, (day) => day.byDirectory),
    budget,
    recent,
  };
}

function sumOf(items: readonly UsageTotals[]): UsageTotals {
  return items.reduce(
    (sum, item) => ({
      costUsd: sum.costUsd + item.costUsd,
      inputTokens: sum.inputTokens + item.inputTokens,
      outputTokens: sum.outputTokens + item.outputTokens,
      attempts: sum.attempts + item.attempts,
    }),
    { costUsd: 0, inputTokens: 0, outputTokens: 0, attempts: 0 },
  );
}

/** Each name's totals over the days, the costliest first. */
function namedTotals(
  days: readonly DayUsage[],
  scope: (day: DayUsage) => Record<string, UsageTotals>,
): NamedUsage[] {
  const byName = new Map<string, UsageTotals[]>();
  for (const day of days)
    for (const [name, totals] of Object.entries(scope(day)))
      byName.set(name, [...(byName.get(name) ?? []), totals]);
  return [...byName]
    .map(([name, totals]) => ({ name, ...sumOf(totals) }))
    .sort((a, b) => b.costUsd - a.costUsd || a.name.localeCompare(b.name));
}
