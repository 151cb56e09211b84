import { jsonError, serviceError } from "@/lib/http";
import { getQueueRedis } from "@/lib/queue";
import { templateIdSchema } from "@/lib/templates/template-schemas";
import { removeTemplate } from "@/lib/templates/template-store";

export const dynamic = "force-dynamic";

/** Deletes a template: its token stops working at once; the jobs it started stay. `204`. */
export async function DELETE(
  _request: Request,
  context: RouteContext<"/api/templates/[id]">,
): Promise<Response> {
  const id = templateIdSchema.safeParse((await context.params).id);
  if (!id.success) return jsonError(404, id.error.issues[0]?.message ?? "Bad template id");
  try {
    return (await removeTemplate(getQueueRedis(), id.data))
      ? new Response(null, { status: 204 })
      : jsonError(404, `There is no template ${id.data}.`);
  } catch (error) {
    return serviceError(error);
  }
}
