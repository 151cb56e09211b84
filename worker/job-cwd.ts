import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { checkAllowedDirectory } from "@/lib/allowed-directory";
import { openJobWorkspace } from "@/lib/files/job-workspace";
import { workspaceOwnerOf } from "@/lib/files/workspace-owner";
import {
  findAllowedRepository,
  type JobWorktree,
  jobWorktreePlace,
  prepareJobWorktree,
  worktreeHistory,
  worktreeWritableDirs,
} from "@/lib/git/job-worktree";
import { GitError } from "@/lib/git/run-git";
import { scratchHistory, type WorkspaceHistory } from "@/lib/git/workspace-history";
import { jobPaths } from "@/lib/job-paths";
import type { Diagnosis } from "@/lib/job-result";
import type { JobSpec } from "@/lib/job-spec";

export type CwdResolution =
  | {
      ok: true;
      cwd: string;
      /** Where a sandboxed run keeps the CLI's sessions, shared by the jobs of that directory alone. */
      sessionHome: string;
      /** The directory TRUSTED_ROOTS is asked about: the one chosen, even when the job runs in its own checkout. */
      chosenDirectory?: string;
      /** Where the job's changes are told from. */
      history?: WorkspaceHistory;
      /** A git job's checkout, what a sandboxed run must write in the repository besides it, and read. */
      git?: { worktree: JobWorktree; writable: string[]; readable: string[] };
    }
  | { ok: false; diagnosis: Diagnosis };

const unusable = (cause: string, fix: string): CwdResolution => ({
  ok: false,
  diagnosis: { code: "working-directory", cause, fix },
});

/**
 * Where the CLI runs: a directory chosen on the form (a follow-up's is its parent's), re-checked against
 * ALLOWED_ROOTS (it may have changed since submit), or a scratch workspace: the job's own, or for a follow-up the
 * first job's of its chain (the CLI keeps sessions per directory). Told by the submitted specs alone, never by a
 * file in a job's folder, which a job can rewrite; a workspace that leads out of its job's folder is refused.
 */
export async function resolveJobCwd(
  spec: JobSpec,
  jobId: string,
  dataDir: string,
  allowedRoots: string[],
  readSpec: (jobId: string) => Promise<JobSpec | undefined>,
): Promise<CwdResolution> {
  for (const directory of spec.additionalDirectories ?? []) {
    const check = await checkAllowedDirectory(directory, allowedRoots);
    if (!check.ok)
      return unusable(
        `An extra directory is not usable: ${check.error}.`,
        "Fix the path, or ask the operator to allow it.",
      );
  }
  const owner = await workspaceOwnerOf(jobId, spec, readSpec);
  if (owner.kind === "lost")
    return unusable(
      `The job this follows up on was run after job ${owner.missingJobId}, which is gone from the queue, so where its session lives cannot be told.`,
      "Start a new job instead of a follow-up.",
    );
  if (owner.kind === "chosen") {
    const check = await checkAllowedDirectory(owner.directory, allowedRoots);
    if (!check.ok)
      return unusable(
        `The working directory is not usable: ${check.error}.`,
        "Pick another directory, or ask the operator to allow it.",
      );
    const sessionHome = directorySessionHome(dataDir, check.path);
    const repository = await findAllowedRepository(check.path, allowedRoots).catch((error: Error) => error);
    if (repository instanceof GitError)
      return gitUnusable(`git could not read the repository of ${check.path}: ${repository.message}.`);
    if (repository instanceof Error) throw repository;
    if (!repository) return { ok: true, cwd: check.path, sessionHome, chosenDirectory: check.path };
    const ownerSpec = owner.jobId === jobId ? spec : await readSpec(owner.jobId);
    if (!ownerSpec) return gitUnusable(`Job ${owner.jobId}, whose checkout this job continues in, is gone.`);
    const prepared = await prepareJobWorktree({
      ...jobWorktreePlace(dataDir, repository, owner.jobId, ownerSpec),
      base: ownerSpec.gitBase,
    }).catch((error: Error) => error);
    if (prepared instanceof GitError)
      return gitUnusable(`git could not make the job's checkout of ${repository.root}: ${prepared.message}.`);
    if (prepared instanceof Error) throw prepared;
    if (!prepared.ok)
      return { ok: false, diagnosis: { code: "git", cause: prepared.cause, fix: prepared.fix } };
    const { worktree } = prepared;
    // The chosen directory's place in the checkout: a folder of the repository, or its top. A base from before the
    // folder was made has none: it is made, as the job would have.
    const cwd = path.join(worktree.path, path.relative(repository.root, check.path));
    await mkdir(cwd, { recursive: true });
    return {
      ok: true,
      cwd,
      sessionHome,
      chosenDirectory: check.path,
      history: worktreeHistory(worktree, owner.jobId),
      git: {
        worktree,
        writable: [worktree.path, ...(await worktreeWritableDirs(worktree))],
        readable: [...new Set([repository.root, repository.commonDir])],
      },
    };
  }
  const paths = jobPaths(dataDir, owner.jobId);
  // A dangling link in its place is there already (EEXIST): the check below says what it is.
  await mkdir(paths.workspace, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  const workspace = await openJobWorkspace(dataDir, owner.jobId);
  return workspace.ok
    ? {
        ok: true,
        cwd: workspace.root,
        sessionHome: paths.sessionHome,
        history: scratchHistory(paths.history, workspace.root, paths.snapshotIndex),
      }
    : unusable(workspace.error, "Move the link away, or start a new job.");
}

const gitUnusable = (cause: string): CwdResolution => ({
  ok: false,
  diagnosis: {
    code: "git",
    cause,
    fix: "Check the repository with git status there (a repository of another user needs safe.directory), then retry.",
  },
});

/** A chosen directory's sessions, under DATA_DIR by a digest of its path: any job there may resume them. */
function directorySessionHome(dataDir: string, directory: string): string {
  return path.join(
    dataDir,
    "directory-sessions",
    createHash("sha256").update(directory).digest("hex").slice(0, 32),
  );
}
