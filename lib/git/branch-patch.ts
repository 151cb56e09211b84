import "server-only";
import { readBranchState } from "./branch-state";
import type { JobWorktree } from "./job-worktree";
import { runGit } from "./run-git";

/**
 * A git job's work as a patch: its branch's commits since the base as `git format-patch` writes them (for `git am`),
 * then what is not committed as a plain diff (for `git apply`).
 */
export async function branchPatch(worktree: JobWorktree): Promise<string> {
  const place = { gitDir: worktree.repository.commonDir, workTree: worktree.path };
  const state = await readBranchState(worktree);
  const options = ["--find-renames", "--no-ext-diff", "--no-textconv", "--binary"];
  const commits =
    state.head === worktree.baseCommit
      ? ""
      : await runGit(place, [
          "format-patch",
          "--stdout",
          ...options,
          `${worktree.baseCommit}..${state.head}`,
        ]);
  const uncommitted = state.uncommitted
    ? await runGit(place, ["diff", ...options, state.head, state.tree])
    : "";
  return [commits, uncommitted].filter(Boolean).join("\n");
}
