import { jsonError, serviceError } from "@/lib/http";
import { setWorkerDraining, workerIdSchema } from "@/lib/workers/list-workers";

export const dynamic = "force-dynamic";

/** Lets a drained worker take jobs again (it hears within 2 s): `{"ok": true}`. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/workers/[id]/resume">,
): Promise<Response> {
  const id = workerIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(404, id.error.issues[0]?.message ?? "Bad worker id");
  try {
    const result = await setWorkerDraining(id.data, false);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
