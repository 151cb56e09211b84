import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { allowAndRunAgain } from "@/lib/jobs/allow-and-run-again";

export const dynamic = "force-dynamic";

/**
 * Runs a completed job again with exactly the tool calls it was refused allowed: `201 {"id", "rules"}`, the new job
 * and the rules added to its allowed tools; `409` when there is nothing to allow.
 */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/allow-and-run-again">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await allowAndRunAgain(id);
    if (result.ok) return Response.json({ id: result.id, rules: result.rules }, { status: 201 });
    return "status" in result
      ? jsonError(result.status, result.error)
      : jsonError(400, Object.values(result.errors).join("; "));
  } catch (error) {
    return serviceError(error);
  }
}
