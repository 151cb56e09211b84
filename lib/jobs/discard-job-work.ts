import "server-only";
import { removeWorktree } from "../git/remove-worktree";
import { endedGitJob, type GitJobResult } from "./job-worktree-of";

/** Throws a git job's work away: its checkout and its branch. The repository is left as it was before the job. */
export async function discardJobWork(id: string): Promise<GitJobResult> {
  const job = await endedGitJob(id);
  if (!job.ok) return job;
  await removeWorktree(job.worktree, job.ownerId, { branch: false, history: false });
  return { ok: true };
}
