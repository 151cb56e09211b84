import { jsonError, readJsonBody, serviceError } from "@/lib/http";
import { getSchedule } from "@/lib/schedules/list-schedules";
import { deleteSchedule } from "@/lib/schedules/pause-schedule";
import { saveScheduleResponse } from "@/lib/schedules/save-schedule-response";
import { scheduleIdSchema } from "@/lib/schedules/schedule-id";

export const dynamic = "force-dynamic";

async function idOf(context: RouteContext<"/api/schedules/[id]">): Promise<string | Response> {
  const id = scheduleIdSchema.safeParse((await context.params).id);
  return id.success ? id.data : jsonError(404, id.error.issues[0]?.message ?? "Bad schedule id");
}

/** One schedule, with its next run and last runs. */
export async function GET(
  _request: Request,
  context: RouteContext<"/api/schedules/[id]">,
): Promise<Response> {
  const id = await idOf(context);
  if (id instanceof Response) return id;
  try {
    const schedule = await getSchedule(id);
    return schedule ? Response.json(schedule) : jsonError(404, `There is no schedule ${id}.`);
  } catch (error) {
    return serviceError(error);
  }
}

/** Changes a schedule: the same body as a new one; a paused schedule stays paused. */
export async function PUT(request: Request, context: RouteContext<"/api/schedules/[id]">): Promise<Response> {
  const id = await idOf(context);
  if (id instanceof Response) return id;
  const json = await readJsonBody(
    request,
    '{"name": "Nightly", "cron": "0 2 * * *", "spec": {"prompt": "…"}}',
  );
  if (!json.ok) return json.response;
  return saveScheduleResponse(json.value, id, 200);
}

/** Stops and forgets a schedule; the jobs it made stay. `204`. */
export async function DELETE(
  _request: Request,
  context: RouteContext<"/api/schedules/[id]">,
): Promise<Response> {
  const id = await idOf(context);
  if (id instanceof Response) return id;
  try {
    const result = await deleteSchedule(id);
    return result.ok ? new Response(null, { status: 204 }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
