import type { Redis } from "ioredis";
import type { Config } from "../config";
import { KEY_PREFIX } from "../queue";
import { startOfNextDay, usageDay } from "./usage-day";
import { readDayCost } from "./usage-ledger";

export interface BudgetState {
  /** Null: no DAILY_BUDGET_USD, nothing waits for money. */
  limitUsd: number | null;
  spentUsd: number;
  day: string;
  /** The operator let jobs run past it, for this day. */
  lifted: boolean;
  /** New runs wait: spent reached the limit, and it is not lifted. */
  reached: boolean;
  /** When the next day, and its fresh budget, begins. */
  resetsAt: number;
}

const liftedKey = (day: string) => `${KEY_PREFIX}:budget:lifted:${day}`;

/** Where the day's spending stands against DAILY_BUDGET_USD. */
export async function readBudgetState(
  redis: Redis,
  config: Pick<Config, "dailyBudgetUsd" | "usageTimeZone">,
  now = Date.now(),
): Promise<BudgetState> {
  const day = usageDay(now, config.usageTimeZone);
  const resetsAt = startOfNextDay(now, config.usageTimeZone);
  const limitUsd = config.dailyBudgetUsd ?? null;
  if (limitUsd === null) return { limitUsd, spentUsd: 0, day, lifted: false, reached: false, resetsAt };
  const [spentUsd, lifted] = await Promise.all([readDayCost(redis, day), redis.exists(liftedKey(day))]);
  return {
    limitUsd,
    spentUsd,
    day,
    lifted: lifted === 1,
    reached: lifted !== 1 && spentUsd >= limitUsd,
    resetsAt,
  };
}

/** Lets jobs run past the budget until the day ends. */
export async function recordBudgetLifted(redis: Redis, day: string): Promise<void> {
  // Kept two days: long enough for any time zone's day, then gone by itself.
  await redis.set(liftedKey(day), "1", "EX", 2 * 24 * 3600);
}
