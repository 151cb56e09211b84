import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { discardJobWork } from "@/lib/jobs/discard-job-work";

export const dynamic = "force-dynamic";

/** Throws a git job's work away: its checkout and its branch. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/discard">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await discardJobWork(id);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
