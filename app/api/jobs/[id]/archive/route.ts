import { zipWorkspace } from "@/lib/files/workspace-archive";
import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { jobWorkspaceOf } from "@/lib/jobs/job-workspace-of";

export const dynamic = "force-dynamic";

/** The job's whole workspace as a zip, streamed as it is made. */
export async function GET(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/archive">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const workspace = await jobWorkspaceOf(id);
    if (!workspace.ok) return jsonError(workspace.status, workspace.error);
    return new Response(await zipWorkspace(workspace.root), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="job-${id}-workspace.zip"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return serviceError(error);
  }
}
