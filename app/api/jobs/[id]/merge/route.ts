import { mergeInputSchema } from "@/lib/git/change-schemas";
import { jobIdParam, jsonError, readJsonBody, serviceError } from "@/lib/http";
import { mergeJobBranch } from "@/lib/jobs/merge-job-branch";

export const dynamic = "force-dynamic";

/**
 * Merges a git job's branch into its base: `{"mode": "fast-forward" | "merge-commit"}` → `{"commit", "into"}`; a
 * conflict is a 409 that lists the files (`conflicts`), and changes nothing.
 */
export async function POST(
  request: Request,
  context: RouteContext<"/api/jobs/[id]/merge">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const json = await readJsonBody(request, '{"mode": "fast-forward"}');
  if (!json.ok) return json.response;
  const body = mergeInputSchema.safeParse(json.value);
  if (!body.success) return jsonError(400, body.error.issues[0]?.message ?? 'Send {"mode": "fast-forward"}');
  try {
    const result = await mergeJobBranch(id, body.data.mode);
    if (result.ok) return Response.json(result);
    return jsonError(result.status, result.error, result.conflicts ? { conflicts: result.conflicts } : {});
  } catch (error) {
    return serviceError(error);
  }
}
