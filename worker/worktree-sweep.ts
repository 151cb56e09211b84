import { existsSync } from "node:fs";
import type { Redis } from "ioredis";
import { checkAllowedDirectory } from "@/lib/allowed-directory";
import { findRepository } from "@/lib/git/job-worktree";
import { forgetRepository, registeredRepositories } from "@/lib/git/repository-registry";
import { runGit } from "@/lib/git/run-git";
import { jobIdSchema } from "@/lib/job-id";
import { jobPaths } from "@/lib/job-paths";

/**
 * At worker start: what jobs that are gone without being deleted (their folders removed by hand, a data directory
 * replaced) left in the repositories git jobs ran in. git forgets checkouts whose folders are gone
 * (`worktree prune`); the dashboard's refs of a chain whose first job's folder is gone are dropped, with its branch
 * when the branch holds no commit of its own. A branch with work on it is never deleted here.
 */
export async function sweepWorktrees(
  redis: Redis,
  dataDir: string,
  allowedRoots: string[],
): Promise<{ repository: string; jobId: string }[]> {
  const swept: { repository: string; jobId: string }[] = [];
  for (const root of await registeredRepositories(redis)) {
    const repository = (await checkAllowedDirectory(root, allowedRoots)).ok
      ? await findRepository(root).catch(() => undefined)
      : undefined;
    if (!repository) {
      await forgetRepository(redis, root);
      continue;
    }
    const inRepository = { cwd: repository.root };
    await runGit(inRepository, ["worktree", "prune"]);
    const refs = (
      await runGit(inRepository, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/ccw/"])
    )
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]);
    const owners = new Set(refs.map(([ref]) => ref.split("/")[2] as string));
    for (const owner of owners) {
      if (!jobIdSchema.safeParse(owner).success || existsSync(jobPaths(dataDir, owner).dir)) continue;
      const base = refs.find(([ref]) => ref === `refs/ccw/${owner}/base`)?.[1];
      const branches = (
        await runGit(inRepository, [
          "for-each-ref",
          "--format=%(refname) %(objectname)",
          `refs/heads/ccw/${owner.slice(-8)}*`,
        ])
      )
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split(" ") as [string, string]);
      for (const [branch, head] of branches)
        if (head === base) await runGit(inRepository, ["update-ref", "-d", branch]);
      for (const [ref] of refs.filter(([ref]) => ref.startsWith(`refs/ccw/${owner}/`)))
        await runGit(inRepository, ["update-ref", "-d", ref]);
      swept.push({ repository: repository.root, jobId: owner });
    }
  }
  return swept;
}
