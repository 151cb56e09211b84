import { readJsonBody, serviceError } from "@/lib/http";
import { listSchedules } from "@/lib/schedules/list-schedules";
import { saveScheduleResponse } from "@/lib/schedules/save-schedule-response";

export const dynamic = "force-dynamic";

/** Every schedule, with its next run and last runs. */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ schedules: await listSchedules() });
  } catch (error) {
    return serviceError(error);
  }
}

/**
 * A new schedule: `{"name", "cron" | "everySeconds", "timezone"?, "overlap"?, "spec": {job fields}}` → `201 {"id"}`,
 * or `400` with what is wrong.
 */
export async function POST(request: Request): Promise<Response> {
  const json = await readJsonBody(
    request,
    '{"name": "Nightly", "cron": "0 2 * * *", "spec": {"prompt": "…"}}',
  );
  if (!json.ok) return json.response;
  return saveScheduleResponse(json.value, undefined, 201);
}
