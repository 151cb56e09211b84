import "server-only";
import { getQueueRedis, KEY_PREFIX, QUEUE_NAME } from "../queue";
import type { JobHold } from "./job-hold";
import { readHolds } from "./job-holds";

/** When delayed jobs are due: BullMQ scores its delayed set by due time × 4096 (plus a counter). One round trip. */
export async function readDueTimes(ids: readonly string[]): Promise<Map<string, number>> {
  const due = new Map<string, number>();
  if (ids.length === 0) return due;
  const pipeline = getQueueRedis().pipeline();
  for (const id of ids) pipeline.zscore(`${KEY_PREFIX}:${QUEUE_NAME}:delayed`, id);
  const replies = (await pipeline.exec()) ?? [];
  ids.forEach((id, index) => {
    const score = replies[index]?.[1];
    if (typeof score === "string") due.set(id, Math.floor(Number(score) / 0x1000));
  });
  return due;
}

/** When delayed jobs are due, and why the worker put back those it held: both in one round trip each. */
export async function readDelays(
  ids: readonly string[],
): Promise<{ dueTimes: Map<string, number>; holds: Map<string, JobHold> }> {
  const [dueTimes, holds] = await Promise.all([readDueTimes(ids), readHolds(getQueueRedis(), ids)]);
  return { dueTimes, holds };
}
