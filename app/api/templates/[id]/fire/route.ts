import { bearerToken } from "@/lib/auth/credentials";
import { jsonError, readJsonBody, serviceError } from "@/lib/http";
import { idempotencyKeySchema } from "@/lib/jobs/idempotent-submit";
import { fireTemplate } from "@/lib/templates/fire-template";
import { fireInputSchema, templateIdSchema } from "@/lib/templates/template-schemas";

export const dynamic = "force-dynamic";

/**
 * Starts the template's job, for a trigger with the template's own token (`Authorization: Bearer ccwt_…`):
 * `{"text"}` (optional) goes after its prompt; an `Idempotency-Key` makes a retried fire one job. → `201 {"id"}`.
 */
export async function POST(
  request: Request,
  context: RouteContext<"/api/templates/[id]/fire">,
): Promise<Response> {
  const id = templateIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(404, id.error.issues[0]?.message ?? "Bad template id");
  // A bare POST (curl -X POST) fires the template as it is.
  const hasBody =
    (request.headers.get("content-type") ?? "").includes("json") ||
    Number(request.headers.get("content-length")) > 0;
  const json = hasBody
    ? await readJsonBody(request, '{"text": "Run 1234 failed: https://ci.example.com/runs/1234"}')
    : ({ ok: true, value: {} } as const);
  if (!json.ok) return json.response;
  const body = fireInputSchema.safeParse(json.value);
  if (!body.success) return jsonError(400, body.error.issues[0]?.message ?? 'Send {"text": "…"}');
  const key = request.headers.get("idempotency-key");
  const idempotencyKey = key === null ? undefined : idempotencyKeySchema.safeParse(key);
  if (idempotencyKey && !idempotencyKey.success)
    return jsonError(400, idempotencyKey.error.issues[0]?.message ?? "Bad Idempotency-Key");
  try {
    const result = await fireTemplate(
      id.data,
      bearerToken(request.headers.get("authorization")),
      body.data.text,
      idempotencyKey?.data,
    );
    if (result.ok)
      return Response.json(
        { id: result.id },
        { status: "replayed" in result && result.replayed ? 200 : 201 },
      );
    return "errors" in result
      ? jsonError(400, Object.values(result.errors).join("; "), { fieldErrors: result.errors })
      : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
