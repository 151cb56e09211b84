import "server-only";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import type { JobWorktree } from "./job-worktree";
import { runGit } from "./run-git";

/**
 * Takes a job's checkout away, and as asked its branch and the dashboard's refs of its chain. The repository's own
 * working tree and its other branches are not touched.
 */
export async function removeWorktree(
  worktree: JobWorktree,
  ownerId: string,
  /** history: the dashboard's refs of the chain (its base, its starts), which let a kept branch's work be read. */
  keep: { branch: boolean; history: boolean },
): Promise<void> {
  const inRepository = { cwd: worktree.repository.root };
  if (existsSync(worktree.path)) {
    await runGit(inRepository, ["worktree", "remove", "--force", "--force", worktree.path]).catch(
      async () => {
        // A checkout git no longer knows (its admin folder pruned): its files go, and git forgets it.
        await rm(worktree.path, { recursive: true, force: true });
      },
    );
  }
  await runGit(inRepository, ["worktree", "prune"]);
  if (!keep.branch)
    await runGit(inRepository, ["update-ref", "-d", `refs/heads/${worktree.branch}`]).catch(() => undefined);
  if (keep.history) return;
  const refs = (await runGit(inRepository, ["for-each-ref", "--format=%(refname)", `refs/ccw/${ownerId}/`]))
    .split("\n")
    .filter(Boolean);
  for (const ref of refs) await runGit(inRepository, ["update-ref", "-d", ref]);
}
