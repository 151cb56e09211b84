import { jobMessageSchema } from "@/lib/approvals/tool-requests";
import { requestActor } from "@/lib/auth/actor";
import { jobIdParam, jsonError, readJsonBody, serviceError } from "@/lib/http";
import { messageJob } from "@/lib/jobs/message-job";

export const dynamic = "force-dynamic";

/** A message to a running job that asks before tools run: `{"text": "…"}` → `202`; it shows in the log as your turn. */
export async function POST(
  request: Request,
  context: RouteContext<"/api/jobs/[id]/messages">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const json = await readJsonBody(request, '{"text": "Use the staging database"}');
  if (!json.ok) return json.response;
  const body = jobMessageSchema.safeParse(json.value);
  if (!body.success) return jsonError(400, body.error.issues[0]?.message ?? 'Send {"text": "…"}');
  try {
    const result = await messageJob(id, body.data.text, await requestActor());
    return result.ok ? Response.json({ ok: true }, { status: 202 }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
