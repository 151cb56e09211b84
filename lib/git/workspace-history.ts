import "server-only";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type GitPlace, runGit } from "./run-git";

/** git's tree with nothing in it: where a first job's workspace starts. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const START_REFS = "refs/ccw/start";

/**
 * A scratch workspace's history lives in a repository of its own beside it (`jobs/<owner>/workspace-history.git`),
 * out of the job's reach: one commit per job that started on files an earlier job left, taken before its CLI ran. A
 * job's changes run from its start to the next job's start, or to the workspace as it is now.
 */
export async function recordJobStart(gitDir: string, workTree: string, jobId: string): Promise<void> {
  await ensureRepository(gitDir, workTree);
  const place = { gitDir, workTree };
  // A retry or a rerun of the job starts where the job first did.
  if (await startOf(place, jobId)) return;
  const tree = await snapshotTree(place);
  const commit = (await runGit(place, ["commit-tree", tree, "-m", `before job ${jobId}`])).trim();
  await runGit(place, ["update-ref", `${START_REFS}/${jobId}`, commit]);
}

export interface ChangeRange {
  from: string;
  /** A tree or commit, or null for the workspace as it is now (read through a private index). */
  to: string | null;
}

/** Where a job's changes start and end: its start (or the empty tree) up to the next job's start in the workspace. */
export async function changeRangeOf(gitDir: string, workTree: string, jobId: string): Promise<ChangeRange> {
  if (!existsSync(gitDir)) return { from: EMPTY_TREE, to: null };
  const place = { gitDir, workTree };
  const starts = (
    await runGit(place, ["for-each-ref", "--format=%(refname:lstrip=3) %(objectname)", START_REFS])
  )
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split(" ") as [string, string])
    // Job ids sort as their creation times do.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const own = starts.find(([id]) => id === jobId)?.[1];
  const next = starts.find(([id]) => id > jobId)?.[1];
  return { from: own ?? EMPTY_TREE, to: next ?? null };
}

/** The tree the workspace holds now, written through an index of the caller's own. */
export async function snapshotTree(place: Omit<GitPlace, "indexFile">): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "ccw-index-"));
  try {
    const indexed = { ...place, indexFile: path.join(scratch, "index") };
    await runGit(indexed, ["add", "--all", "--force", "--", "."]);
    return (await runGit(indexed, ["write-tree"])).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function startOf(place: GitPlace, jobId: string): Promise<string | undefined> {
  const found = await runGit(place, ["for-each-ref", "--format=%(objectname)", `${START_REFS}/${jobId}`]);
  return found.trim() || undefined;
}

export async function ensureRepository(gitDir: string, workTree: string): Promise<void> {
  if (existsSync(path.join(gitDir, "HEAD"))) return;
  await mkdir(gitDir, { recursive: true });
  await runGit({ gitDir, workTree }, ["init", "--quiet"]);
}
