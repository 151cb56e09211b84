import "server-only";
import { readBranchState } from "../git/branch-state";
import { removeWorktree } from "../git/remove-worktree";
import { endedGitJob, type GitJobResult } from "./job-worktree-of";

/** Keeps a git job's branch and takes its checkout away; work not yet committed must be committed first. */
export async function keepJobBranch(id: string): Promise<GitJobResult> {
  const job = await endedGitJob(id);
  if (!job.ok) return job;
  if (!job.worktree.checkedOut) return { ok: true };
  if ((await readBranchState(job.worktree)).uncommitted)
    return {
      ok: false,
      status: 409,
      error: `Job ${id}'s checkout has changes not committed to ${job.worktree.branch}: commit them first, or they would be lost with the checkout.`,
    };
  await removeWorktree(job.worktree, job.ownerId, { branch: true, history: true });
  return { ok: true };
}
