import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { promoteJob } from "@/lib/jobs/promote-job";

export const dynamic = "force-dynamic";

/** Runs a delayed job now rather than at its time. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/run-now">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await promoteJob(id);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
