import "server-only";
import { readBranchState } from "./branch-state";
import type { JobWorktree } from "./job-worktree";
import { GitError, runGit } from "./run-git";

export type MergeMode = "fast-forward" | "merge-commit";

export type MergeResult =
  | { ok: true; commit: string; fastForward: boolean; into: string }
  | {
      ok: false;
      reason: "uncommitted" | "not-a-branch" | "not-fast-forward" | "dirty-checkout" | "conflict";
      error: string;
      conflicts?: string[];
    };

/**
 * Merges a job's branch into the branch it started from. The merge is worked out by git without a working tree
 * (`merge-tree --write-tree`), so a conflict changes nothing and lists its files. Where the base is checked out (the
 * repository's own folder, say), its files follow only when that checkout has nothing uncommitted; otherwise
 * nothing changes and the answer says so.
 */
export async function mergeIntoBase(worktree: JobWorktree, mode: MergeMode): Promise<MergeResult> {
  const repository = { gitDir: worktree.repository.commonDir, workTree: worktree.path };
  const base = worktree.baseName;
  const state = await readBranchState(worktree);
  if (state.uncommitted)
    return {
      ok: false,
      reason: "uncommitted",
      error: `The job's checkout has changes not committed to ${worktree.branch}: commit them first (or discard the job).`,
    };
  const baseHead = (
    await runGit(repository, ["rev-parse", "--verify", "--quiet", `refs/heads/${base}^{commit}`]).catch(
      () => "",
    )
  ).trim();
  if (!baseHead)
    return {
      ok: false,
      reason: "not-a-branch",
      error: `The job started from ${base}, which is not a branch of ${worktree.repository.root} (any more): there is nothing to merge into. Download the patch, or keep the branch.`,
    };
  const fastForward = await runGit(repository, ["merge-base", "--is-ancestor", baseHead, state.head]).then(
    () => true,
    () => false,
  );
  let commit = state.head;
  if (!fastForward) {
    if (mode === "fast-forward")
      return {
        ok: false,
        reason: "not-fast-forward",
        error: `${base} has moved on since the job started, so it cannot be fast-forwarded to ${worktree.branch}: merge with a merge commit instead.`,
      };
    const merged = await runGit(repository, [
      "merge-tree",
      "--write-tree",
      "--name-only",
      "--no-messages",
      baseHead,
      state.head,
    ]).then(
      (out) => ({ clean: true, out }),
      (error: unknown) => {
        if (error instanceof GitError && error.stdout) return { clean: false, out: error.stdout };
        throw error;
      },
    );
    const [tree, ...files] = merged.out.trim().split("\n");
    if (!merged.clean)
      return {
        ok: false,
        reason: "conflict",
        error: `Merging ${worktree.branch} into ${base} conflicts in ${files.length} ${files.length === 1 ? "file" : "files"}: nothing was changed. Ask the job to rebase onto ${base} in a follow-up, or merge it yourself.`,
        conflicts: files.filter(Boolean),
      };
    commit = (
      await runGit(
        repository,
        ["commit-tree", tree as string, "-p", baseHead, "-p", state.head, "-F", "-"],
        `Merge branch '${worktree.branch}' into ${base}\n`,
      )
    ).trim();
  }
  const checkedOut = await checkoutOf(worktree, base);
  if (checkedOut) {
    const inCheckout = { cwd: checkedOut };
    const status = (await runGit(inCheckout, ["status", "--porcelain", "--untracked-files=no"])).trim();
    if (status)
      return {
        ok: false,
        reason: "dirty-checkout",
        error: `${base} is checked out in ${checkedOut} with changes not committed there: nothing was changed. Commit or stash them, then merge again.`,
      };
    await runGit(inCheckout, ["merge", "--ff-only", "--quiet", commit]);
  } else {
    await runGit(repository, [
      "update-ref",
      "-m",
      `merge ${worktree.branch}`,
      `refs/heads/${base}`,
      commit,
      baseHead,
    ]);
  }
  return { ok: true, commit, fastForward, into: base };
}

/** The folder where a branch is checked out, if any is (the repository's own, or another checkout). */
async function checkoutOf(worktree: JobWorktree, branch: string): Promise<string | undefined> {
  const list = await runGit({ cwd: worktree.repository.root }, ["worktree", "list", "--porcelain"]);
  let folder: string | undefined;
  for (const line of list.split("\n")) {
    if (line.startsWith("worktree ")) folder = line.slice("worktree ".length);
    else if (line === `branch refs/heads/${branch}`) return folder;
  }
  return undefined;
}
