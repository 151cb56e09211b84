import { jobIdParam, jsonError, readJsonBody, serviceError } from "@/lib/http";
import { followUpSchema } from "@/lib/job-spec";
import { followUpJob } from "@/lib/jobs/follow-up-job";

export const dynamic = "force-dynamic";

/** A new job resuming this finished job's session: `{"prompt": "…"}` → `201 {"id"}`. */
export async function POST(
  request: Request,
  context: RouteContext<"/api/jobs/[id]/follow-up">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const json = await readJsonBody(request, '{"prompt": "Now add tests"}');
  if (!json.ok) return json.response;
  const body = followUpSchema.safeParse(json.value);
  if (!body.success) return jsonError(400, body.error.issues[0]?.message ?? 'Send {"prompt": "…"}');
  try {
    const result = await followUpJob(id, body.data.prompt);
    if (result.ok) return Response.json({ id: result.id }, { status: 201 });
    return "status" in result
      ? jsonError(result.status, result.error)
      : jsonError(400, Object.values(result.errors).join("; "));
  } catch (error) {
    return serviceError(error);
  }
}
