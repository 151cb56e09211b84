import { jsonError, readJsonBody, serviceError } from "@/lib/http";
import { bulkActionSchema, bulkJobAction } from "@/lib/jobs/bulk-job-action";

export const dynamic = "force-dynamic";

/**
 * Cancels, retries or deletes many jobs: `{"action": "cancel" | "retry" | "delete", "ids": [...]}`, or `"query":
 * {"tab", "q"}` for every job of a tab that matches a search → `{"done": [ids], "refused": [{"id", "error"}]}`.
 */
export async function POST(request: Request): Promise<Response> {
  const json = await readJsonBody(request, '{"action": "retry", "query": {"tab": "failed"}}');
  if (!json.ok) return json.response;
  const input = bulkActionSchema.safeParse(json.value);
  if (!input.success) return jsonError(400, input.error.issues[0]?.message ?? "Bad request");
  try {
    const result = await bulkJobAction(input.data);
    return result.ok
      ? Response.json({ done: result.done, refused: result.refused })
      : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
