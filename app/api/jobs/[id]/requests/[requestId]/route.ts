import { z } from "zod";
import { toolAnswerSchema } from "@/lib/approvals/tool-requests";
import { requestActor } from "@/lib/auth/actor";
import { jobIdParam, jsonError, readJsonBody, serviceError } from "@/lib/http";
import { answerJobRequest } from "@/lib/jobs/answer-job-request";

export const dynamic = "force-dynamic";

const requestIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: "A request id is letters, digits, - and _" });

/**
 * Answers one request: `{"decision": "allow"}`, `{"decision": "allow-always"}`, `{"decision": "deny", "message"}`,
 * or `{"decision": "answer", "answers": {"<question>": "<answer>"}}`; `409` when someone answered it first.
 */
export async function POST(
  request: Request,
  context: RouteContext<"/api/jobs/[id]/requests/[requestId]">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const requestId = requestIdSchema.safeParse((await context.params).requestId);
  if (!requestId.success) return jsonError(400, requestId.error.issues[0]?.message ?? "Bad request id");
  const json = await readJsonBody(request, '{"decision": "allow"}');
  if (!json.ok) return json.response;
  const answer = toolAnswerSchema.safeParse(json.value);
  if (!answer.success)
    return jsonError(
      400,
      `${answer.error.issues[0]?.message ?? "Bad answer"}: send {"decision": "allow" | "allow-always" | "deny" | "answer", …}`,
    );
  try {
    const result = await answerJobRequest(id, requestId.data, answer.data, await requestActor());
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
