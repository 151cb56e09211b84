import { directoryQuerySchema, listAllowedDirectories } from "@/lib/allowed-directory";
import { getConfig } from "@/lib/config";
import { jsonError } from "@/lib/http";

export const dynamic = "force-dynamic";

/** `?path=/home/me/code`: the folders inside it, when it is under ALLOWED_ROOTS; with no path, the roots. */
export async function GET(request: Request): Promise<Response> {
  const query = directoryQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, query.error.issues[0]?.message ?? "Bad query");
  const result = await listAllowedDirectories(query.data.path, getConfig().allowedRoots);
  return result.ok ? Response.json({ directories: result.directories }) : jsonError(404, result.error);
}
