import { requestActor } from "@/lib/auth/actor";
import { jsonError, serviceError } from "@/lib/http";
import { pauseSchedule } from "@/lib/schedules/pause-schedule";
import { scheduleIdSchema } from "@/lib/schedules/schedule-id";

export const dynamic = "force-dynamic";

/** Pauses the schedule: `{"ok": true}`; `409` when it is paused already. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/schedules/[id]/pause">,
): Promise<Response> {
  const id = scheduleIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(404, id.error.issues[0]?.message ?? "Bad schedule id");
  try {
    const result = await pauseSchedule(id.data, await requestActor());
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
