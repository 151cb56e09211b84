import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { deleteJob } from "@/lib/jobs/delete-job";
import { getJobDetail } from "@/lib/jobs/get-job";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: RouteContext<"/api/jobs/[id]">): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const job = await getJobDetail(id);
    return job ? Response.json(job) : jsonError(404, `There is no job ${id}: it may have been deleted.`);
  } catch (error) {
    return serviceError(error);
  }
}

/** Deletes a job that is not running, with its log and its folder. */
export async function DELETE(_request: Request, context: RouteContext<"/api/jobs/[id]">): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await deleteJob(id);
    if (result.ok) return new Response(null, { status: 204 });
    return jsonError(result.status, result.error, result.followUps ? { followUps: result.followUps } : {});
  } catch (error) {
    return serviceError(error);
  }
}
