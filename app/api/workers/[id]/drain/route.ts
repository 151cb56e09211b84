import { jsonError, serviceError } from "@/lib/http";
import { setWorkerDraining, workerIdSchema } from "@/lib/workers/list-workers";

export const dynamic = "force-dynamic";

/** Drains a worker: it finishes what it runs and takes no new job (it hears within 2 s): `{"ok": true}`. */
export async function POST(
  _request: Request,
  context: RouteContext<"/api/workers/[id]/drain">,
): Promise<Response> {
  const id = workerIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(404, id.error.issues[0]?.message ?? "Bad worker id");
  try {
    const result = await setWorkerDraining(id.data, true);
    return result.ok ? Response.json({ ok: true }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
