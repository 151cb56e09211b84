import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { retryJob } from "@/lib/jobs/retry-job";

export const dynamic = "force-dynamic";

/** Runs a failed or cancelled job again, keeping its earlier attempts' logs. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/retry">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await retryJob(id);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
