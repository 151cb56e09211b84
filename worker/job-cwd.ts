import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { checkAllowedDirectory } from "@/lib/allowed-directory";
import { openJobWorkspace } from "@/lib/files/job-workspace";
import { workspaceOwnerOf } from "@/lib/files/workspace-owner";
import { jobPaths } from "@/lib/job-paths";
import type { Diagnosis } from "@/lib/job-result";
import type { JobSpec } from "@/lib/job-spec";

export type CwdResolution =
  /** sessionHome: where a sandboxed run keeps the CLI's sessions, shared by the jobs of that directory alone. */
  { ok: true; cwd: string; sessionHome: string; historyDir?: string } | { ok: false; diagnosis: Diagnosis };

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
    return check.ok
      ? { ok: true, cwd: check.path, sessionHome: directorySessionHome(dataDir, check.path) }
      : unusable(
          `The working directory is not usable: ${check.error}.`,
          "Pick another directory, or ask the operator to allow it.",
        );
  }
  // A dangling link in its place is there already (EEXIST): the check below says what it is.
  await mkdir(jobPaths(dataDir, owner.jobId).workspace, { recursive: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    },
  );
  const workspace = await openJobWorkspace(dataDir, owner.jobId);
  return workspace.ok
    ? {
        ok: true,
        cwd: workspace.root,
        sessionHome: jobPaths(dataDir, owner.jobId).sessionHome,
        historyDir: jobPaths(dataDir, owner.jobId).history,
      }
    : unusable(workspace.error, "Move the link away, or start a new job.");
}

/** A chosen directory's sessions, under DATA_DIR by a digest of its path: any job there may resume them. */
function directorySessionHome(dataDir: string, directory: string): string {
  return path.join(
    dataDir,
    "directory-sessions",
    createHash("sha256").update(directory).digest("hex").slice(0, 32),
  );
}
