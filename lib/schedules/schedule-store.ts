import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";
import {
  type Schedule,
  type ScheduleDefinition,
  type SchedulePause,
  type ScheduleRun,
  schedulePauseSchema,
  scheduleRunSchema,
  scheduleSchema,
} from "./schedule-schemas";

/**
 * Each part of a schedule in a key of its own, changed by one atomic command: its definition (changed by a person),
 * its runs (a list the worker pushes to), its failures in a row (a counter) and its pause.
 */
const DEFINITIONS_KEY = `${KEY_PREFIX}:schedules`;
const PAUSES_KEY = `${KEY_PREFIX}:schedules:paused`;
const FAILURES_KEY = `${KEY_PREFIX}:schedules:failures`;
const runsKey = (id: string) => `${KEY_PREFIX}:schedule:${id}:runs`;
/** Runs a schedule keeps, newest first. */
export const SCHEDULE_RUNS_KEPT = 20;

const parse = <T>(schema: { safeParse(value: unknown): { data?: T } }, text: string | null | undefined) =>
  text ? schema.safeParse(JSON.parse(text)).data : undefined;

export async function readSchedules(redis: Redis): Promise<Schedule[]> {
  const [definitions, pauses, failures] = await Promise.all([
    redis.hgetall(DEFINITIONS_KEY),
    redis.hgetall(PAUSES_KEY),
    redis.hgetall(FAILURES_KEY),
  ]);
  const ids = Object.keys(definitions);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.lrange(runsKey(id), 0, -1);
  const runs = (await pipeline.exec()) ?? [];
  return ids
    .flatMap((id, index): Schedule[] => {
      const definition = parse<ScheduleDefinition>(scheduleSchema, definitions[id]);
      if (!definition) return [];
      return [
        {
          ...definition,
          paused: parse<SchedulePause>(schedulePauseSchema, pauses[id]) ?? null,
          failuresInARow: Number(failures[id] ?? 0),
          runs: ((runs[index]?.[1] ?? []) as string[]).flatMap((text) => {
            const run = parse<ScheduleRun>(scheduleRunSchema, text);
            return run ? [run] : [];
          }),
        },
      ];
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

export async function readSchedule(redis: Redis, id: string): Promise<Schedule | undefined> {
  const [definition, pause, failures, runs] = await Promise.all([
    redis.hget(DEFINITIONS_KEY, id),
    redis.hget(PAUSES_KEY, id),
    redis.hget(FAILURES_KEY, id),
    redis.lrange(runsKey(id), 0, -1),
  ]);
  const parsed = parse<ScheduleDefinition>(scheduleSchema, definition);
  if (!parsed) return undefined;
  return {
    ...parsed,
    paused: parse<SchedulePause>(schedulePauseSchema, pause) ?? null,
    failuresInARow: Number(failures ?? 0),
    runs: runs.flatMap((text) => {
      const run = parse<ScheduleRun>(scheduleRunSchema, text);
      return run ? [run] : [];
    }),
  };
}

export async function writeScheduleDefinition(redis: Redis, definition: ScheduleDefinition): Promise<void> {
  await redis.hset(DEFINITIONS_KEY, definition.id, JSON.stringify(definition));
}

/** A schedule and all it kept; false when there was none. */
export async function removeSchedule(redis: Redis, id: string): Promise<boolean> {
  const [[, removed] = []] =
    ((await redis
      .multi()
      .hdel(DEFINITIONS_KEY, id)
      .hdel(PAUSES_KEY, id)
      .hdel(FAILURES_KEY, id)
      .del(runsKey(id))
      .exec()) as [Error | null, number][] | null) ?? [];
  return removed === 1;
}

export async function recordScheduleRun(redis: Redis, id: string, run: ScheduleRun): Promise<void> {
  await redis
    .multi()
    .lpush(runsKey(id), JSON.stringify(run))
    .ltrim(runsKey(id), 0, SCHEDULE_RUNS_KEPT - 1)
    .exec();
}

/** One of the schedule's jobs ended: counts its failures in a row (a completion starts again from 0). */
export async function recordScheduledOutcome(redis: Redis, id: string, failed: boolean): Promise<number> {
  if (!failed) {
    await redis.hdel(FAILURES_KEY, id);
    return 0;
  }
  return redis.hincrby(FAILURES_KEY, id, 1);
}

export async function recordSchedulePause(
  redis: Redis,
  id: string,
  pause: SchedulePause | null,
): Promise<void> {
  if (pause) await redis.hset(PAUSES_KEY, id, JSON.stringify(pause));
  else await redis.multi().hdel(PAUSES_KEY, id).hdel(FAILURES_KEY, id).exec();
}
