import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { getConfig } from "@/lib/config";
import { jobIdParam, jsonError } from "@/lib/http";
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
  if (!stats?.isFile()) return jsonError(404, "This job has no stderr.log: it has not run yet.");
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(stats.size),
      "Content-Disposition": `inline; filename="job-${id}-stderr.log"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
