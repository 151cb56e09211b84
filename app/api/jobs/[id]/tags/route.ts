import { jobIdParam, jsonError, readJsonBody, serviceError } from "@/lib/http";
import { jobTagsInputSchema, setJobTags } from "@/lib/jobs/set-job-tags";

export const dynamic = "force-dynamic";

/** Sets a job's tags: `{"tags": ["bugfix", "team-web"]}` → `{"tags"}`. */
export async function PUT(request: Request, context: RouteContext<"/api/jobs/[id]/tags">): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const json = await readJsonBody(request, '{"tags": ["bugfix"]}');
  if (!json.ok) return json.response;
  const input = jobTagsInputSchema.safeParse(json.value);
  if (!input.success) return jsonError(400, input.error.issues[0]?.message ?? 'Send {"tags": [...]}');
  try {
    const result = await setJobTags(id, input.data.tags);
    return result.ok ? Response.json({ tags: result.tags }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
