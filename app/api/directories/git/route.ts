import { directoryQuerySchema } from "@/lib/allowed-directory";
import { getConfig } from "@/lib/config";
import { describeRepository } from "@/lib/git/describe-repository";
import { jsonError } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * `?path=/home/me/code/app`: the git repository that directory is in, its current branch with its last commit, and
 * its branches; `repository: null` when it is in none the dashboard may branch.
 */
export async function GET(request: Request): Promise<Response> {
  const query = directoryQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, query.error.issues[0]?.message ?? "Bad query");
  if (!query.data.path) return jsonError(400, "Name the directory: ?path=/an/allowed/directory");
  return Response.json(await describeRepository(query.data.path, getConfig().allowedRoots));
}
