import { jsonError, serviceError } from "@/lib/http";
import { resumeSchedule } from "@/lib/schedules/pause-schedule";
import { scheduleIdSchema } from "@/lib/schedules/schedule-id";

export const dynamic = "force-dynamic";

/** Resumes the schedule, its failures in a row forgotten: `{"ok": true}`; `409` when it is not paused. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/schedules/[id]/resume">,
): Promise<Response> {
  const id = scheduleIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(404, id.error.issues[0]?.message ?? "Bad schedule id");
  try {
    const result = await resumeSchedule(id.data);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
