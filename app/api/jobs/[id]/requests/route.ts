import { jobIdParam, serviceError } from "@/lib/http";
import { getJobRequests } from "@/lib/jobs/get-job-requests";

export const dynamic = "force-dynamic";

/** What the running job waits for a person to answer: tools to allow, questions. */
export async function GET(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/requests">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    return Response.json({ requests: await getJobRequests(id) });
  } catch (error) {
    return serviceError(error);
  }
}
