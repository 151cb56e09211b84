import { jsonError, serviceError } from "@/lib/http";
import { getUsageView, usageQuerySchema } from "@/lib/usage/get-usage-view";

export const dynamic = "force-dynamic";

/** Cost and tokens by day, model and directory over `?days=` (7, 30 or 90), and today against the budget. */
export async function GET(request: Request): Promise<Response> {
  const query = usageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, query.error.issues[0]?.message ?? "Bad query");
  try {
    return Response.json(await getUsageView(query.data.days));
  } catch (error) {
    return serviceError(error);
  }
}
