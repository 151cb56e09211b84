import { stat } from "node:fs/promises";
import path from "node:path";
import { imageTypeOf } from "@/lib/files/file-preview";
import { resolveInside } from "@/lib/files/resolve-inside";
import { fileResponse, jobIdParam, jsonError } from "@/lib/http";
import { jobWorkspaceOf } from "@/lib/jobs/job-workspace-of";

export const dynamic = "force-dynamic";

/** One file of a job's workspace: inline for preview, or as a download with ?download=1. */
export async function GET(
  request: Request,
  context: RouteContext<"/api/jobs/[id]/files/[...path]">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const relative = (await context.params).path.join("/");
  const workspace = await jobWorkspaceOf(id);
  if (!workspace.ok) return jsonError(workspace.status, workspace.error);
  const file = await resolveInside(workspace.root, relative);
  if (!file) return jsonError(404, `No file "${relative}" in this job's workspace.`);
  const stats = await stat(file);
  if (!stats.isFile()) return jsonError(404, `"${relative}" is not a file.`);

  // Images are shown inline; everything else as plain text, so a job's HTML or SVG never runs in our origin.
  const download = new URL(request.url).searchParams.get("download") === "1";
  const type = download ? "application/octet-stream" : (imageTypeOf(file) ?? "text/plain; charset=utf-8");
  const name = encodeURIComponent(path.basename(file));
  return fileResponse(file, stats.size, {
    type,
    disposition: `${download ? "attachment" : "inline"}; filename*=UTF-8''${name}`,
  });
}
