import "server-only";
import { getConfig } from "../config";
import { type JobWorkspace, openJobWorkspace } from "../files/job-workspace";
import { workspaceOwnerOf } from "../files/workspace-owner";
import type { JobSpec } from "../job-spec";
import { readJobSpec } from "./read-job-spec";

/**
 * The workspace whose files a job's page shows: its own, or for a follow-up of a scratch job the one it ran in (its
 * chain's first job's). A job that ran in a chosen directory shows its own, empty, one: that directory is not the
 * dashboard's to serve.
 */
export async function jobWorkspaceOf(id: string, spec?: JobSpec): Promise<JobWorkspace> {
  const own = spec ?? (await readJobSpec(id));
  if (!own) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  const owner = await workspaceOwnerOf(id, own, readJobSpec);
  return openJobWorkspace(getConfig().dataDir, owner.kind === "scratch" ? owner.jobId : id);
}
