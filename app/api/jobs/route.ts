import { jsonError, readJsonBody, serviceError } from "@/lib/http";
import { copiesSchema, fieldErrorsOf, jobSpecSchema } from "@/lib/job-spec";
import { jobListQuerySchema } from "@/lib/job-view";
import { idempotencyKeySchema, submitJobIdempotently } from "@/lib/jobs/idempotent-submit";
import { listJobs } from "@/lib/jobs/list-jobs";
import { submitJob } from "@/lib/jobs/submit-job";

export const dynamic = "force-dynamic";

/** `?tab=failed&q=refactor`: the newest jobs of a tab matching the search, and every tab's count. */
export async function GET(request: Request): Promise<Response> {
  const query = jobListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, query.error.issues[0]?.message ?? "Bad query");
  try {
    return Response.json(await listJobs(query.data));
  } catch (error) {
    return serviceError(error);
  }
}

/**
 * A job from a JobSpec in the body; `?copies=N` queues N identical jobs. Answers `201 {"id", "ids"}`; with an
 * `Idempotency-Key` header, the same request again within a day answers `200` with the first job.
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readJsonBody(request, '{"prompt": "Write a haiku to haiku.txt"}');
  if (!body.ok) return body.response;
  const parsed = jobSpecSchema.safeParse(body.value);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return jsonError(400, Object.values(fieldErrors).join("; "), { fieldErrors });
  }
  const copies = copiesSchema.safeParse(new URL(request.url).searchParams.get("copies") ?? undefined);
  if (!copies.success) return jsonError(400, `copies: ${copies.error.issues[0]?.message}`);
  const key = request.headers.get("idempotency-key");
  const idempotencyKey = key === null ? undefined : idempotencyKeySchema.safeParse(key);
  if (idempotencyKey && !idempotencyKey.success)
    return jsonError(400, idempotencyKey.error.issues[0]?.message ?? "Bad Idempotency-Key");
  try {
    const result = idempotencyKey
      ? await submitJobIdempotently(idempotencyKey.data, parsed.data, copies.data)
      : await submitJob(parsed.data, copies.data);
    if (!result.ok)
      return "errors" in result
        ? jsonError(400, Object.values(result.errors).join("; "), { fieldErrors: result.errors })
        : jsonError(result.status, result.error);
    return Response.json(
      { id: result.id, ids: result.ids },
      { status: "replayed" in result && result.replayed ? 200 : 201 },
    );
  } catch (error) {
    return serviceError(error);
  }
}
