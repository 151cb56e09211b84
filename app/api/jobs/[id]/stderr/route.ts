import { stat } from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { fileResponse, jobIdParam, jsonError } from "@/lib/http";
import { jobPaths } from "@/lib/job-paths";

export const dynamic = "force-dynamic";

/** Everything the CLI printed to stderr, across the job's attempts. */
export async function GET(
  _request: Request,
  context: RouteContext<"/api/jobs/[id]/stderr">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const file = jobPaths(getConfig().dataDir, id).stderr;
  const stats = await stat(file).catch(() => undefined);
  if (!stats?.isFile())
    return jsonError(
      404,
      "This job has no stderr.log: its CLI has written nothing to stderr, or it has not run yet.",
    );
  return fileResponse(file, stats.size, {
    type: "text/plain; charset=utf-8",
    disposition: `inline; filename="job-${id}-stderr.log"`,
  });
}
