"use server";

import { revalidatePath } from "next/cache";
import { requestActor } from "@/lib/auth/actor";
import {
  deleteSchedule,
  pauseSchedule,
  resumeSchedule,
  type ScheduleCommandResult,
} from "@/lib/schedules/pause-schedule";
import { scheduleIdSchema } from "@/lib/schedules/schedule-id";

type Command = "pause" | "resume" | "delete";

export async function scheduleCommandAction(id: string, command: Command): Promise<ScheduleCommandResult> {
  const parsed = scheduleIdSchema.safeParse(id);
  if (!parsed.success) return { ok: false, status: 404, error: parsed.error.issues[0]?.message ?? "Bad id" };
  const result =
    command === "pause"
      ? await pauseSchedule(parsed.data, await requestActor())
      : command === "resume"
        ? await resumeSchedule(parsed.data)
        : await deleteSchedule(parsed.data);
  revalidatePath("/schedules");
  return result;
}
