import { commitInputSchema } from "@/lib/git/change-schemas";
import { jobIdParam, jsonError, readJsonBody, serviceError } from "@/lib/http";
import { commitJobWork } from "@/lib/jobs/commit-job-work";

export const dynamic = "force-dynamic";

/** Commits what a git job left uncommitted onto its branch: `{"message": "…"}` → `{"commit"}`. */
export async function POST(
  request: Request,
  context: RouteContext<"/api/jobs/[id]/commit">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const json = await readJsonBody(request, '{"message": "Add the login page"}');
  if (!json.ok) return json.response;
  const body = commitInputSchema.safeParse(json.value);
  if (!body.success) return jsonError(400, body.error.issues[0]?.message ?? 'Send {"message": "…"}');
  try {
    const result = await commitJobWork(id, body.data.message);
    return result.ok ? Response.json({ commit: result.commit }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
