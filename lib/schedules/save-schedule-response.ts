import "server-only";
import { jsonError, serviceError } from "../http";
import { fieldErrorsOf } from "../job-spec";
import { saveSchedule } from "./save-schedule";
import { scheduleInputSchema } from "./schedule-schemas";

/** Shared by create and change: the body checked, the schedule saved. */
export async function saveScheduleResponse(
  body: unknown,
  id: string | undefined,
  status: number,
): Promise<Response> {
  const input = scheduleInputSchema.safeParse(body);
  if (!input.success)
    return Response.json(
      { error: input.error.issues[0]?.message ?? "Bad schedule", fieldErrors: fieldErrorsOf(input.error) },
      { status: 400 },
    );
  try {
    const result = await saveSchedule(input.data, id);
    if (result.ok) return Response.json({ id: result.id }, { status });
    return "errors" in result
      ? Response.json(
          { error: Object.values(result.errors).join("; "), fieldErrors: result.errors },
          { status: 400 },
        )
      : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
