import { requestActor } from "@/lib/auth/actor";
import { jobIdParam, jsonError, serviceError } from "@/lib/http";
import { interruptJob } from "@/lib/jobs/message-job";

export const dynamic = "force-dynamic";

/** Stops a running job's current turn without ending the job: it waits for a message. `202`. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/interrupt">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  try {
    const result = await interruptJob(id, await requestActor());
    return result.ok ? Response.json({ ok: true }, { status: 202 }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
