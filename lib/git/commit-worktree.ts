import "server-only";
import path from "node:path";
import { readBranchState } from "./branch-state";
import type { JobWorktree } from "./job-worktree";
import { runGit } from "./run-git";

/**
 * Commits what the job left uncommitted in its checkout onto its branch: the files as they are, untracked ones
 * included, made into a commit by the repository itself (no hook, no file of the checkout's trusted). The checkout's
 * index is then set to the new commit, so git there sees nothing left to commit.
 */
export async function commitWorktree(
  worktree: JobWorktree,
  message: string,
): Promise<{ committed: string } | { nothing: true }> {
  const state = await readBranchState(worktree);
  if (!state.uncommitted) return { nothing: true };
  const place = { gitDir: worktree.repository.commonDir, workTree: worktree.path };
  const commit = (
    await runGit(place, ["commit-tree", state.tree, "-p", state.head, "-F", "-"], message)
  ).trim();
  // Only if the branch is still where it was read: a commit made meanwhile is never lost.
  await runGit(place, [
    "update-ref",
    "-m",
    "commit by the dashboard",
    `refs/heads/${worktree.branch}`,
    commit,
    state.head,
  ]);
  await runGit(
    {
      ...place,
      indexFile: path.join(worktree.repository.commonDir, "worktrees", path.basename(worktree.path), "index"),
    },
    ["read-tree", commit],
  );
  return { committed: commit };
}
