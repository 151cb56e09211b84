import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { getJobPatch } from "@/lib/jobs/get-job-patch";

export const dynamic = "force-dynamic";

/** The job's work as a patch file to download: `git format-patch` of a git job's commits, or a plain diff. */
export async function GET(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/patch">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const found = await getJobPatch(id);
    if (!found.ok) return jsonError(found.status, found.error);
    return new Response(found.patch, {
      headers: {
        "content-type": "text/x-diff; charset=utf-8",
        "content-disposition": `attachment; filename="${found.name}"`,
      },
    });
  } catch (error) {
    return serviceError(error);
  }
}
