import { jsonError, serviceError } from "@/lib/http";
import { jobIdSchema } from "@/lib/job-id";
import { getJobDetail } from "@/lib/jobs/get-job";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: RouteContext<"/api/jobs/[id]">): Promise<Response> {
  const id = jobIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(400, id.error.issues[0]?.message ?? "Bad job id");
  try {
    const job = await getJobDetail(id.data);
    return job ? Response.json(job) : jsonError(404, `There is no job ${id.data}: it may have been deleted.`);
  } catch (error) {
    return serviceError(error);
  }
}
