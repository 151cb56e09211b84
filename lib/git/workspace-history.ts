import "server-only";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type GitPlace, runGit } from "./run-git";

/** git's tree with nothing in it: where a first job's workspace starts. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
/**
 * Where a workspace's history is kept, and where it starts. A scratch workspace's lives in a repository of its own
 * beside it (`jobs/<owner>/workspace-history.git`), out of the job's reach, and starts empty; a git job's lives in
 * its repository, under refs of its own (`refs/ccw/<owner>/`), and starts at the commit its branch was made from.
 * Each job that starts on files an earlier job left has its start kept, taken before its CLI ran; a job's changes
 * run from its start to the next job's start, or to the workspace as it is now.
 */
export interface WorkspaceHistory {
  place: SnapshotPlace;
  startRefs: string;
  origin: string;
}

export function scratchHistory(gitDir: string, workTree: string, indexCache?: string): WorkspaceHistory {
  return { place: { gitDir, workTree, indexCache }, startRefs: "refs/ccw/start", origin: EMPTY_TREE };
}

/** Keeps the workspace as it is, as where the job starts: once, so a retry or a rerun starts where it first did. */
export async function recordJobStart(history: WorkspaceHistory, jobId: string): Promise<void> {
  const { place } = history;
  if (await startOf(history, jobId)) return;
  const tree = await snapshotTree(place);
  const commit = (await runGit(place, ["commit-tree", tree, "-m", `before job ${jobId}`])).trim();
  await runGit(place, ["update-ref", `${history.startRefs}/${jobId}`, commit]);
}

export interface ChangeRange {
  from: string;
  /** A tree or commit, or null for the workspace as it is now (read through a private index). */
  to: string | null;
}

/** Where a job's changes start and end: its start (or the origin) up to the next job's start in the workspace. */
export async function changeRangeOf(history: WorkspaceHistory, jobId: string): Promise<ChangeRange> {
  if (!existsSync(history.place.gitDir)) return { from: history.origin, to: null };
  const starts = (
    await runGit(history.place, ["for-each-ref", "--format=%(refname) %(objectname)", history.startRefs])
  )
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, commit] = line.split(" ") as [string, string];
      return [name.slice(history.startRefs.length + 1), commit] as const;
    })
    // Job ids sort as their creation times do.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const own = starts.find(([id]) => id === jobId)?.[1];
  const next = starts.find(([id]) => id > jobId)?.[1];
  return { from: own ?? history.origin, to: next ?? null };
}

/**
 * A workspace to take snapshots of, and where the index of its last snapshot is kept (out of the job's reach: in its
 * folder, beside the workspace), so the next one rereads only the files whose size or times changed.
 */
export interface SnapshotPlace extends Omit<GitPlace, "indexFile"> {
  indexCache?: string;
}

/**
 * The tree the workspace holds now, written through an index of the caller's own: a copy of the last snapshot's,
 * put back when done (readers at once each work on their own copy; the last to finish leaves its index).
 */
export async function snapshotTree(place: SnapshotPlace): Promise<string> {
  const { indexCache, ...located } = place;
  const scratch = await mkdtemp(
    path.join(indexCache ? path.dirname(indexCache) : os.tmpdir(), ".ccw-index-"),
  );
  try {
    const indexFile = path.join(scratch, "index");
    if (indexCache) await copyFile(indexCache, indexFile).catch(() => undefined);
    const indexed = { ...located, indexFile };
    await runGit(indexed, ["add", "--all", "--force", "--", "."]);
    const tree = (await runGit(indexed, ["write-tree"])).trim();
    if (indexCache) await rename(indexFile, indexCache);
    return tree;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function startOf(history: WorkspaceHistory, jobId: string): Promise<string | undefined> {
  const found = await runGit(history.place, [
    "for-each-ref",
    "--format=%(objectname)",
    `${history.startRefs}/${jobId}`,
  ]);
  return found.trim() || undefined;
}

/** A scratch workspace's history repository, made the first time it is needed. */
export async function ensureRepository(gitDir: string, workTree: string): Promise<void> {
  if (existsSync(path.join(gitDir, "HEAD"))) return;
  await mkdir(gitDir, { recursive: true });
  await runGit({ gitDir, workTree }, ["init", "--quiet"]);
}
