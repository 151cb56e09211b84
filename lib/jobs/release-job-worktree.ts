import "server-only";
import { workspaceOwnerOf } from "../files/workspace-owner";
import { removeWorktree } from "../git/remove-worktree";
import { runGit } from "../git/run-git";
import type { JobSpec } from "../job-spec";
import { jobWorktreeOf } from "./job-worktree-of";
import { readJobSpec } from "./read-job-spec";

/**
 * What a deleted job leaves in its repository goes with it: the first job of a chain takes its checkout, and its
 * branch unless the branch was kept or merged into its base; a follow-up, the start the dashboard kept for it.
 */
export async function releaseJobWorktree(id: string, spec: JobSpec): Promise<void> {
  if (!spec.workingDirectory) return;
  const owner = await workspaceOwnerOf(id, spec, readJobSpec);
  if (owner.kind !== "chosen") return;
  const found = await jobWorktreeOf(id, owner);
  if (!found.ok) return;
  const { worktree } = found;
  const inRepository = { cwd: worktree.repository.root };
  if (owner.jobId !== id) {
    await runGit(inRepository, ["update-ref", "-d", `refs/ccw/${owner.jobId}/start/${id}`]).catch(
      () => undefined,
    );
    return;
  }
  // Merged: it has commits of its own, and its base holds them all. A branch still at its base holds no work.
  const head = (
    await runGit(inRepository, ["rev-parse", `refs/heads/${worktree.branch}`]).catch(() => "")
  ).trim();
  const merged =
    head !== "" &&
    head !== worktree.baseCommit &&
    (await runGit(inRepository, [
      "merge-base",
      "--is-ancestor",
      head,
      `refs/heads/${worktree.baseName}`,
    ]).then(
      () => true,
      () => false,
    ));
  await removeWorktree(worktree, owner.jobId, {
    branch: merged || !worktree.checkedOut,
    history: false,
  });
}
