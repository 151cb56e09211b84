import "server-only";
import { commitWorktree } from "../git/commit-worktree";
import { endedGitJob } from "./job-worktree-of";

export type CommitResult = { ok: true; commit: string } | { ok: false; status: number; error: string };

/** Commits what a git job left uncommitted onto its branch, with the message given. */
export async function commitJobWork(id: string, message: string): Promise<CommitResult> {
  const job = await endedGitJob(id);
  if (!job.ok) return job;
  const done = await commitWorktree(job.worktree, message);
  return "committed" in done
    ? { ok: true, commit: done.committed }
    : {
        ok: false,
        status: 409,
        error: `Job ${id}'s checkout has nothing uncommitted: its work is on its branch.`,
      };
}
