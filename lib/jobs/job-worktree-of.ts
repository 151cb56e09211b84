import "server-only";
import { checkAllowedDirectory } from "../allowed-directory";
import { getConfig } from "../config";
import { type WorkspaceOwner, workspaceOwnerOf } from "../files/workspace-owner";
import {
  findAllowedRepository,
  findJobWorktree,
  type JobWorktree,
  jobWorktreePlace,
} from "../git/job-worktree";
import { getJobQueue } from "../queue";
import { readJobSpec } from "./read-job-spec";

export type JobWorktreeLookup =
  | { ok: true; worktree: JobWorktree }
  | { ok: false; status: number; error: string };

/**
 * The checkout a job in a chosen directory ran in: found from the specs and the repository alone (never from a file
 * in the checkout, which the job can rewrite), or why there is none.
 */
export async function jobWorktreeOf(
  id: string,
  owner: Extract<WorkspaceOwner, { kind: "chosen" }>,
): Promise<JobWorktreeLookup> {
  const noHistory = {
    ok: false,
    status: 409,
    error: `Job ${id} ran in ${owner.directory}, a directory of yours that is not in a git repository: the dashboard keeps no history of it.`,
  } as const;
  const { allowedRoots, dataDir } = getConfig();
  const check = await checkAllowedDirectory(owner.directory, allowedRoots);
  if (!check.ok)
    return { ok: false, status: 409, error: `Job ${id} ran in ${owner.directory}: ${check.error}.` };
  const repository = await findAllowedRepository(check.path, allowedRoots);
  if (!repository) return noHistory;
  const ownerSpec = await readJobSpec(owner.jobId);
  if (!ownerSpec)
    return { ok: false, status: 409, error: `Job ${owner.jobId}, whose checkout job ${id} ran in, is gone.` };
  const worktree = await findJobWorktree(jobWorktreePlace(dataDir, repository, owner.jobId, ownerSpec));
  if (worktree) return { ok: true, worktree };
  const started = ["active", "completed", "failed"].includes(await getJobQueue().getJobState(owner.jobId));
  return {
    ok: false,
    status: 409,
    error: started
      ? `Job ${id}'s checkout and branch in ${repository.root} are gone: its work was discarded (or removed with git).`
      : `Job ${id} has no checkout of ${repository.root} yet: the worker makes it when the job starts.`,
  };
}

/** What keep and discard answer. */
export type GitJobResult = { ok: true } | { ok: false; status: number; error: string };

/** A git job that has ended, with its checkout: what keep, merge, commit and discard act on. */
export async function endedGitJob(
  id: string,
): Promise<
  { ok: true; worktree: JobWorktree; ownerId: string } | { ok: false; status: number; error: string }
> {
  const spec = await readJobSpec(id);
  if (!spec) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  const owner = await workspaceOwnerOf(id, spec, readJobSpec);
  if (owner.kind !== "chosen")
    return { ok: false, status: 409, error: `Job ${id} did not run in a git repository: it has no branch.` };
  const state = await getJobQueue().getJobState(id);
  // A cancelled job is a failed one to BullMQ.
  if (!["completed", "failed"].includes(state))
    return {
      ok: false,
      status: 409,
      error: `Job ${id} is ${state}: its branch can be kept, merged or discarded once it has ended.`,
    };
  const found = await jobWorktreeOf(id, owner);
  return found.ok ? { ok: true, worktree: found.worktree, ownerId: owner.jobId } : found;
}
