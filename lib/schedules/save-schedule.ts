import "server-only";
import { getConfig } from "../config";
import type { FieldErrors } from "../job-spec";
import { checkJobSpec } from "../jobs/check-job-spec";
import { withConfiguredDefaults } from "../jobs/submit-job";
import { getQueueRedis } from "../queue";
import { newScheduleId } from "./schedule-id";
import { getScheduleQueue, startScheduler } from "./schedule-queue";
import type { ScheduleInput } from "./schedule-schemas";
import { readSchedule, writeScheduleDefinition } from "./schedule-store";

export type SaveScheduleResult =
  | { ok: true; id: string }
  | { ok: false; errors: FieldErrors }
  | { ok: false; status: 404; error: string };

/**
 * Makes a schedule (no `id`) or changes one, after checking its job against this server's limits as a submit would;
 * a schedule that runs is (re)started at once, a paused one stays paused with its new settings.
 */
export async function saveSchedule(input: ScheduleInput, id?: string): Promise<SaveScheduleResult> {
  const config = getConfig();
  const errors = await checkJobSpec(withConfiguredDefaults(input.spec, config), config);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const redis = getQueueRedis();
  const existing = id === undefined ? undefined : await readSchedule(redis, id);
  if (id !== undefined && !existing)
    return { ok: false, status: 404, error: `There is no schedule ${id}: it may have been deleted.` };
  const definition = {
    id: existing?.id ?? newScheduleId(),
    input,
    createdAt: existing?.createdAt ?? Date.now(),
  };
  await writeScheduleDefinition(redis, definition);
  if (!existing?.paused) await startScheduler(getScheduleQueue(), definition);
  return { ok: true, id: definition.id };
}
