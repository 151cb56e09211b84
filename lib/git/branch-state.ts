import "server-only";
import type { JobWorktree } from "./job-worktree";
import { runGit } from "./run-git";
import { snapshotTree } from "./workspace-history";

/** Where a job's branch is: its last commit, and whether its checkout holds work not committed to it. */
export interface BranchState {
  head: string;
  /** The tree of the checkout as it is now, uncommitted and untracked files included. */
  tree: string;
  uncommitted: boolean;
}

/** Read without the checkout's own git files, which the job could have rewritten: the repository's refs alone. */
export async function readBranchState(worktree: JobWorktree): Promise<BranchState> {
  const place = { gitDir: worktree.repository.commonDir, workTree: worktree.path };
  const head = (
    await runGit(place, ["rev-parse", "--verify", `refs/heads/${worktree.branch}^{commit}`])
  ).trim();
  const [tree, headTree] = await Promise.all([
    snapshotTree(place),
    runGit(place, ["rev-parse", `${head}^{tree}`]).then((out) => out.trim()),
  ]);
  return { head, tree, uncommitted: tree !== headTree };
}
