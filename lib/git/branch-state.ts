import "server-only";
import type { BranchSummary } from "./change-schemas";
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
  const place = {
    gitDir: worktree.repository.commonDir,
    workTree: worktree.path,
    indexCache: worktree.indexCache,
  };
  const head = (
    await runGit(place, ["rev-parse", "--verify", `refs/heads/${worktree.branch}^{commit}`])
  ).trim();
  const headTree = (await runGit(place, ["rev-parse", `${head}^{tree}`])).trim();
  // A kept branch has no checkout: its work is all committed.
  const tree = worktree.checkedOut ? await snapshotTree(place) : headTree;
  return { head, tree, uncommitted: tree !== headTree };
}

/** The branch of a job as the Changes view shows it, from its state as read. */
export async function summarizeBranch(worktree: JobWorktree, state: BranchState): Promise<BranchSummary> {
  const place = { gitDir: worktree.repository.commonDir, workTree: worktree.path };
  const log = await runGit(place, ["log", "-z", "--format=%H %s", `${worktree.baseCommit}..${state.head}`]);
  return {
    repository: worktree.repository.root,
    branch: worktree.branch,
    base: worktree.baseName,
    baseCommit: worktree.baseCommit,
    head: state.head,
    commits: log
      .split("\0")
      .filter(Boolean)
      .map((line) => ({
        commit: line.slice(0, line.indexOf(" ")),
        subject: line.slice(line.indexOf(" ") + 1),
      })),
    uncommitted: state.uncommitted,
    checkedOut: worktree.checkedOut,
  };
}
