import "server-only";
import { getConfig } from "../config";
import { openJobWorkspace } from "../files/job-workspace";
import { workspaceOwnerOf } from "../files/workspace-owner";
import type { WorkspaceChanges } from "../git/change-schemas";
import { workspaceChanges } from "../git/workspace-changes";
import { changeRangeOf } from "../git/workspace-history";
import { jobPaths } from "../job-paths";
import { readJobSpec } from "./read-job-spec";

export type JobChanges =
  | { ok: true; changes: WorkspaceChanges }
  | { ok: false; status: number; error: string };

/**
 * What a job changed in its scratch workspace: from where it started (nothing, or what the jobs before it left) to
 * where the next job of the workspace started, or to the files as they are now.
 */
export async function getJobChanges(id: string): Promise<JobChanges> {
  const spec = await readJobSpec(id);
  if (!spec) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  const owner = await workspaceOwnerOf(id, spec, readJobSpec);
  if (owner.kind !== "scratch")
    return {
      ok: false,
      status: 409,
      error:
        owner.kind === "chosen"
          ? `Job ${id} ran in ${owner.directory}, a directory of yours: the dashboard keeps no history of it.`
          : `Job ${id} follows up on job ${owner.missingJobId}, which is gone, so its workspace cannot be told.`,
    };
  const { dataDir } = getConfig();
  const workspace = await openJobWorkspace(dataDir, owner.jobId);
  if (!workspace.ok) return workspace;
  const gitDir = jobPaths(dataDir, owner.jobId).history;
  const range = await changeRangeOf(gitDir, workspace.root, id);
  return { ok: true, changes: await workspaceChanges(gitDir, workspace.root, range) };
}
