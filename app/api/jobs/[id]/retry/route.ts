import { jsonError, serviceError } from "@/lib/http";
import { jobIdSchema } from "@/lib/job-id";
import { retryJob } from "@/lib/jobs/retry-job";

export const dynamic = "force-dynamic";

/** Runs a failed or cancelled job again, keeping its earlier attempts' logs. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/retry">,
): Promise<Response> {
  const id = jobIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(400, id.error.issues[0]?.message ?? "Bad job id");
  try {
    const result = await retryJob(id.data);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
