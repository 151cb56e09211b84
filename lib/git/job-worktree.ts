import "server-only";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { checkAllowedDirectory } from "../allowed-directory";
import { jobPaths } from "../job-paths";
import type { JobSpec } from "../job-spec";
import { jobBranchName } from "./job-branch";
import { GitError, runGit } from "./run-git";
import type { WorkspaceHistory } from "./workspace-history";

/** A repository as git sees it: its top folder (its own working tree) and the folder of its objects and refs. */
export interface GitRepository {
  root: string;
  commonDir: string;
}

/** The repository a directory is in, or undefined when it is in none (or in a bare one, which has no files). */
export async function findRepository(directory: string): Promise<GitRepository | undefined> {
  let output: string;
  try {
    output = await runGit({ cwd: directory }, [
      "rev-parse",
      "--path-format=absolute",
      "--show-toplevel",
      "--git-common-dir",
    ]);
  } catch (error) {
    if (error instanceof GitError && /not a git repository|must be run in a work tree/.test(error.message))
      return undefined;
    throw error;
  }
  const [root, commonDir] = output.trim().split("\n");
  return root && commonDir ? { root, commonDir } : undefined;
}

/**
 * The repository a directory is in, when the dashboard may branch it: its top folder is under the allowed roots
 * too (a repository reaching above them is used in place, as any directory).
 */
export async function findAllowedRepository(
  directory: string,
  allowedRoots: string[],
): Promise<GitRepository | undefined> {
  const repository = await findRepository(directory);
  return repository && (await checkAllowedDirectory(repository.root, allowedRoots)).ok
    ? repository
    : undefined;
}

/** Where a job chain's checkout and branch are: told by its first job's id and spec alone. */
export function jobWorktreePlace(
  dataDir: string,
  repository: GitRepository,
  ownerId: string,
  ownerSpec: Pick<JobSpec, "title" | "prompt">,
) {
  const paths = jobPaths(dataDir, ownerId);
  return {
    repository,
    ownerId,
    worktreePath: paths.worktree,
    indexCache: paths.snapshotIndex,
    branch: jobBranchName(ownerId, ownerSpec),
  };
}

/** A job's own checkout of a repository: its folder, its branch, and the commit that branch was made from. */
export interface JobWorktree {
  repository: GitRepository;
  path: string;
  branch: string;
  /** What the base was called when the branch was made (a branch, a tag or a commit), and its commit then. */
  baseName: string;
  baseCommit: string;
  /** False once the checkout was taken away and its branch kept: the work is then read from the branch. */
  checkedOut: boolean;
  /** Where the index of its last snapshot is kept, out of the job's reach. */
  indexCache: string;
}

export type WorktreePreparation =
  | { ok: true; worktree: JobWorktree }
  | { ok: false; cause: string; fix: string };

/** Refs of the dashboard's own in the repository, per job chain: out of `git branch`, and out of a job's reach. */
const refsOf = (ownerId: string) => `refs/ccw/${ownerId}`;

/**
 * The checkout a job runs in: made on its first run, on a new branch from its base (a follow-up continues in its
 * chain's first job's), and found again on every later run. The repository's own working tree and index are never
 * touched. On a base that cannot be told (a detached HEAD with no base named, a name that is not there) nothing is
 * made, and the answer says why.
 */
export async function prepareJobWorktree(options: {
  repository: GitRepository;
  ownerId: string;
  worktreePath: string;
  indexCache: string;
  branch: string;
  base?: string;
}): Promise<WorktreePreparation> {
  const { repository, ownerId, worktreePath, branch } = options;
  const inRepository = { cwd: repository.root };
  const made = await findJobWorktree(options);
  if (made?.checkedOut) return { ok: true, worktree: made };
  if (made) {
    // A kept branch whose checkout was taken away, followed up: checked out again where it was.
    await mkdir(path.dirname(worktreePath), { recursive: true });
    await runGit(inRepository, ["worktree", "add", "--quiet", worktreePath, branch]);
    return { ok: true, worktree: { ...made, checkedOut: true } };
  }
  const baseName =
    options.base ??
    (await runGit(inRepository, ["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => ""));
  if (!baseName.trim()) {
    const head = (await runGit(inRepository, ["rev-parse", "--short", "HEAD"]).catch(() => "")).trim();
    return {
      ok: false,
      cause: head
        ? `The repository at ${repository.root} has a detached HEAD (at ${head}), so there is no current branch to start the job's branch from.`
        : `The repository at ${repository.root} has no commits yet, so there is nothing to start the job's branch from.`,
      fix: head
        ? "Name a base branch on the form (Advanced, Base), or check a branch out in the repository."
        : "Make a first commit in the repository, then run the job again.",
    };
  }
  const name = baseName.trim();
  const baseCommit = (
    await runGit(inRepository, [
      "rev-parse",
      "--verify",
      "--quiet",
      "--end-of-options",
      `${name}^{commit}`,
    ]).catch(() => "")
  ).trim();
  if (!baseCommit)
    return {
      ok: false,
      cause: `The repository at ${repository.root} has no branch, tag or commit named ${name}.`,
      fix: "Pick a base that exists there (git branch lists them), or leave it empty for the current branch.",
    };
  await mkdir(path.dirname(worktreePath), { recursive: true });
  const branchExists = Boolean(await readRef(repository, `refs/heads/${branch}`));
  // A run cut off after git made the branch finds the branch and checks it out again.
  await runGit(inRepository, [
    "worktree",
    "add",
    "--quiet",
    ...(branchExists ? [worktreePath, branch] : ["-b", branch, worktreePath, baseCommit]),
  ]);
  await runGit(inRepository, ["update-ref", `${refsOf(ownerId)}/base`, baseCommit]);
  // The base's name as it was then, kept as a blob: the branch it named may move or go.
  const nameBlob = (await runGit(inRepository, ["hash-object", "-w", "--stdin"], name)).trim();
  await runGit(inRepository, ["update-ref", `${refsOf(ownerId)}/base-name`, nameBlob]);
  return {
    ok: true,
    worktree: {
      repository,
      path: worktreePath,
      branch,
      baseName: name,
      baseCommit,
      checkedOut: true,
      indexCache: options.indexCache,
    },
  };
}

/** The checkout a job chain's first run made, or undefined when none was made (or it is gone). */
export async function findJobWorktree(options: {
  repository: GitRepository;
  ownerId: string;
  worktreePath: string;
  indexCache: string;
  branch: string;
}): Promise<JobWorktree | undefined> {
  const { repository, ownerId, worktreePath, branch, indexCache } = options;
  const baseCommit = await readRef(repository, `${refsOf(ownerId)}/base`);
  if (!baseCommit) return undefined;
  const checkedOut = existsSync(worktreePath);
  if (!checkedOut && !(await readRef(repository, `refs/heads/${branch}`))) return undefined;
  const nameBlob = await readRef(repository, `${refsOf(ownerId)}/base-name`);
  const baseName = nameBlob
    ? await runGit({ cwd: repository.root }, ["cat-file", "blob", nameBlob])
    : baseCommit;
  return { repository, path: worktreePath, branch, baseName, baseCommit, checkedOut, indexCache };
}

/** The history of a git job's worktree: its starts kept under the chain's refs, from the commit it branched at. */
export function worktreeHistory(worktree: JobWorktree, ownerId: string): WorkspaceHistory {
  return {
    place: {
      gitDir: worktree.repository.commonDir,
      workTree: worktree.path,
      indexCache: worktree.indexCache,
    },
    startRefs: `${refsOf(ownerId)}/start`,
    origin: worktree.baseCommit,
  };
}

/**
 * What a sandboxed job must write in the repository's own folder so that git works in its checkout: objects, its
 * branch's refs and logs, and the checkout's own admin folder. Not the config, the hooks, HEAD or the index of the
 * repository, which stay read-only: a job that could write those could run code as the user later.
 */
export async function worktreeWritableDirs(worktree: JobWorktree): Promise<string[]> {
  const common = worktree.repository.commonDir;
  const dirs = [
    path.join(common, "objects"),
    path.join(common, "worktrees", path.basename(worktree.path)),
    path.join(common, "refs", "heads", "ccw"),
    path.join(common, "logs", "refs", "heads", "ccw"),
  ];
  await Promise.all(dirs.map((dir) => mkdir(dir, { recursive: true })));
  return dirs;
}

async function readRef(repository: GitRepository, ref: string): Promise<string | undefined> {
  const found = await runGit({ cwd: repository.root }, ["rev-parse", "--verify", "--quiet", ref]).catch(
    () => "",
  );
  return found.trim() || undefined;
}
