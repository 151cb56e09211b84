import "server-only";
import { existsSync } from "node:fs";
import { getConfig } from "../config";
import { type JobWorkspace, openJobWorkspace, openJobWorktree } from "../files/job-workspace";
import { workspaceOwnerOf } from "../files/workspace-owner";
import { jobPaths } from "../job-paths";
import type { JobSpec } from "../job-spec";
import { readJobSpec } from "./read-job-spec";

/**
 * The workspace whose files a job's page shows: its own, or for a follow-up of a scratch job the one it ran in (its
 * chain's first job's); for a git job, its checkout. A job that ran in a chosen directory outside git shows its own,
 * empty, one: that directory is not the dashboard's to serve.
 */
export async function jobWorkspaceOf(id: string, spec?: JobSpec): Promise<JobWorkspace> {
  const own = spec ?? (await readJobSpec(id));
  if (!own) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  const owner = await workspaceOwnerOf(id, own, readJobSpec);
  const { dataDir } = getConfig();
  // A git job's checkout is the dashboard's, in its chain's first job's folder; made only by the worker.
  if (owner.kind === "chosen" && existsSync(jobPaths(dataDir, owner.jobId).worktree))
    return openJobWorktree(dataDir, owner.jobId);
  return openJobWorkspace(dataDir, owner.kind === "scratch" ? owner.jobId : id);
}
