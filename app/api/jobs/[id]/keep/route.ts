import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { keepJobBranch } from "@/lib/jobs/keep-job-branch";

export const dynamic = "force-dynamic";

/** Keeps a git job's branch and takes its checkout away (its work must be committed). */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/keep">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await keepJobBranch(id);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
