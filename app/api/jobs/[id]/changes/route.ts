import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { getJobChanges } from "@/lib/jobs/get-job-changes";

export const dynamic = "force-dynamic";

/** What the job changed in its workspace: the files, with lines added and removed, and the unified diff. */
export async function GET(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/changes">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const found = await getJobChanges(id);
    return found.ok ? Response.json(found.changes) : jsonError(found.status, found.error);
  } catch (error) {
    return serviceError(error);
  }
}
