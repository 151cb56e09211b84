import { getConfig } from "@/lib/config";
import { jobIdParam, serviceError } from "@/lib/http";
import { zipWorkspace } from "@/lib/workspace-archive";

export const dynamic = "force-dynamic";

/** The job's whole workspace as a zip, streamed as it is made. */
export async function GET(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/archive">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    return new Response(await zipWorkspace(getConfig().dataDir, id), {
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
