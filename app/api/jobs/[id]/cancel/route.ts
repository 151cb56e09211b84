import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { cancelJob } from "@/lib/jobs/cancel-job";

export const dynamic = "force-dynamic";

/** Cancels a waiting, delayed or active job: `{"state": "cancelled"}` at once, or `"cancelling"` while it stops. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/cancel">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await cancelJob(id);
    return result.ok ? Response.json({ state: result.state }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
