import "server-only";
import { z } from "zod";
import { checkAllowedDirectory } from "../allowed-directory";
import { findAllowedRepository } from "./job-worktree";
import { runGit } from "./run-git";

export const repositoryDescriptionSchema = z.object({
  /** Null when the directory is in no repository the dashboard may branch (none, or one reaching above the roots). */
  repository: z.string().nullable(),
  /** The branch checked out there, or null for a detached HEAD. */
  currentBranch: z.string().nullable(),
  /** Its last commit. */
  head: z.object({ commit: z.string(), subject: z.string() }).nullable(),
  /** The repository's branches, the jobs' own (ccw/…) left out: what a job can start from. */
  branches: z.array(z.string()),
  /** Whether its own folder has changes not committed, which a job's checkout (made from a commit) will not have. */
  uncommitted: z.boolean(),
});
export type RepositoryDescription = z.infer<typeof repositoryDescriptionSchema>;

const NONE: RepositoryDescription = {
  repository: null,
  currentBranch: null,
  head: null,
  branches: [],
  uncommitted: false,
};

/** What the form says of a directory in a git repository: where a job there would branch from. */
export async function describeRepository(
  directory: string,
  allowedRoots: string[],
): Promise<RepositoryDescription> {
  const check = await checkAllowedDirectory(directory, allowedRoots);
  if (!check.ok) return NONE;
  const repository = await findAllowedRepository(check.path, allowedRoots).catch(() => undefined);
  if (!repository) return NONE;
  const inRepository = { cwd: repository.root };
  const [branch, head, branches, status] = await Promise.all([
    runGit(inRepository, ["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => ""),
    runGit(inRepository, ["log", "-1", "--format=%H %s"]).catch(() => ""),
    runGit(inRepository, ["for-each-ref", "--format=%(refname:short)", "refs/heads/"]),
    runGit(inRepository, ["status", "--porcelain", "--untracked-files=no"]).catch(() => ""),
  ]);
  const headLine = head.trim();
  return {
    repository: repository.root,
    currentBranch: branch.trim() || null,
    head: headLine
      ? {
          commit: headLine.slice(0, headLine.indexOf(" ")),
          subject: headLine.slice(headLine.indexOf(" ") + 1),
        }
      : null,
    branches: branches.split("\n").filter((name) => name && !name.startsWith("ccw/")),
    uncommitted: status.trim() !== "",
  };
}
