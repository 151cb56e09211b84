import "server-only";
import { branchPatch } from "../git/branch-patch";
import { getJobChanges } from "./get-job-changes";
import { endedGitJob } from "./job-worktree-of";

/**
 * A job's work as a patch file: for a git job, its branch's commits (`git format-patch`) and what is uncommitted; for
 * a scratch job, the diff of what it changed.
 */
export async function getJobPatch(
  id: string,
): Promise<{ ok: true; patch: string; name: string } | { ok: false; status: number; error: string }> {
  const git = await endedGitJob(id);
  if (git.ok)
    return {
      ok: true,
      patch: await branchPatch(git.worktree),
      name: `${git.worktree.branch.replaceAll("/", "-")}.patch`,
    };
  const changes = await getJobChanges(id);
  if (!changes.ok) return changes;
  return {
    ok: true,
    patch: changes.changes.files.map((file) => file.patch).join(""),
    name: `job-${id}.patch`,
  };
}
