import { jsonError, serviceError } from "@/lib/http";
import { jobIdSchema } from "@/lib/job-id";
import { cancelJob } from "@/lib/jobs/cancel-job";

export const dynamic = "force-dynamic";

/** Cancels a waiting, delayed or active job: `{"state": "cancelled"}` at once, or `"cancelling"` while it stops. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/cancel">,
): Promise<Response> {
  const id = jobIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(400, id.error.issues[0]?.message ?? "Bad job id");
  try {
    const result = await cancelJob(id.data);
    return result.ok ? Response.json({ state: result.state }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
