import "server-only";
import { getConfig } from "../config";
import { openJobWorkspace } from "../files/job-workspace";
import { workspaceOwnerOf } from "../files/workspace-owner";
import { readBranchState, summarizeBranch } from "../git/branch-state";
import type { WorkspaceChanges } from "../git/change-schemas";
import { worktreeHistory } from "../git/job-worktree";
import { workspaceChanges } from "../git/workspace-changes";
import { changeRangeOf, ensureRepository, scratchHistory } from "../git/workspace-history";
import { jobPaths } from "../job-paths";
import { jobWorktreeOf } from "./job-worktree-of";
import { readJobSpec } from "./read-job-spec";

export type JobChanges =
  | { ok: true; changes: WorkspaceChanges }
  | { ok: false; status: number; error: string };

/**
 * What a job changed: from where it started (nothing for a scratch job, its branch's base for a git job, or what the
 * jobs of its chain before it left) to where the next job of its chain started, or to the files as they are now.
 */
export async function getJobChanges(id: string): Promise<JobChanges> {
  const spec = await readJobSpec(id);
  if (!spec) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  const owner = await workspaceOwnerOf(id, spec, readJobSpec);
  if (owner.kind === "lost")
    return {
      ok: false,
      status: 409,
      error: `Job ${id} follows up on job ${owner.missingJobId}, which is gone, so its workspace cannot be told.`,
    };
  const { dataDir } = getConfig();
  if (owner.kind === "chosen") {
    const worktree = await jobWorktreeOf(id, owner);
    if (!worktree.ok) return worktree;
    const history = worktreeHistory(worktree.worktree, owner.jobId);
    // The checkout's files are read once, for both: a range that runs to now ends at that snapshot (a kept
    // branch's, with its checkout gone, at its head).
    const [range, state] = await Promise.all([
      changeRangeOf(history, id),
      readBranchState(worktree.worktree),
    ]);
    const [changes, branch] = await Promise.all([
      workspaceChanges(history.place, { from: range.from, to: range.to ?? state.tree }),
      summarizeBranch(worktree.worktree, state),
    ]);
    const live = range.to === null && worktree.worktree.checkedOut;
    return { ok: true, changes: { ...changes, live, branch } };
  }
  const workspace = await openJobWorkspace(dataDir, owner.jobId);
  if (!workspace.ok) return workspace;
  const paths = jobPaths(dataDir, owner.jobId);
  const history = scratchHistory(paths.history, workspace.root, paths.snapshotIndex);
  await ensureRepository(history.place.gitDir, history.place.workTree);
  return { ok: true, changes: await workspaceChanges(history.place, await changeRangeOf(history, id)) };
}
