import "server-only";
import type { MergeMode, MergeResult } from "../git/merge-branch";
import { mergeIntoBase } from "../git/merge-branch";
import { endedGitJob } from "./job-worktree-of";

export type MergeJobResult =
  | Extract<MergeResult, { ok: true }>
  | { ok: false; status: number; error: string; conflicts?: string[] };

/** Merges a git job's branch into the branch it started from; on a conflict, nothing changes. */
export async function mergeJobBranch(id: string, mode: MergeMode): Promise<MergeJobResult> {
  const job = await endedGitJob(id);
  if (!job.ok) return job;
  const merged = await mergeIntoBase(job.worktree, mode);
  if (merged.ok) return merged;
  return {
    ok: false,
    status: 409,
    error: merged.error,
    ...(merged.conflicts ? { conflicts: merged.conflicts } : {}),
  };
}
