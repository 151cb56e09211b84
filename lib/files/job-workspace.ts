import "server-only";
import { readlink, realpath } from "node:fs/promises";
import path from "node:path";
import { jobPaths } from "../job-paths";

export type JobWorkspace =
  /** Its real path: every file served from it is checked against this (see `resolveInside`). */
  { ok: true; root: string } | { ok: false; status: 403 | 404; error: string };

/**
 * A job's scratch workspace, checked to be where its path says: inside `DATA_DIR/jobs/<id>/`, with neither the job's
 * folder nor the workspace a symlink. A job can replace either (its CLI works there), and a link to `/etc` would
 * otherwise be served, listed and zipped as the job's files.
 */
export function openJobWorkspace(dataDir: string, jobId: string): Promise<JobWorkspace> {
  return openInJobFolder(dataDir, jobId, ["workspace"], "workspace");
}

/** A git job's checkout (`DATA_DIR/jobs/<id>/worktree/<id>`), checked as a scratch workspace is. */
export function openJobWorktree(dataDir: string, jobId: string): Promise<JobWorkspace> {
  return openInJobFolder(dataDir, jobId, ["worktree", jobId], "checkout");
}

async function openInJobFolder(
  dataDir: string,
  jobId: string,
  parts: string[],
  called: string,
): Promise<JobWorkspace> {
  const paths = jobPaths(dataDir, jobId);
  const jobsDir = path.dirname(paths.dir);
  const place = path.join(paths.dir, ...parts);
  // DATA_DIR itself may be a link the operator made; what is inside it is the jobs'.
  const expected = path.join(await realpath(jobsDir).catch(() => jobsDir), jobId, ...parts);
  const real = await realpath(place).catch(() => undefined);
  // Not there yet (a job that has not started): nothing to show, and nothing to escape through.
  if (real === undefined || real === expected) return { ok: true, root: expected };
  const link =
    (await readlink(paths.dir).then(
      () => paths.dir,
      () => undefined,
    )) ?? place;
  const target = await readlink(link).catch(() => real);
  return {
    ok: false,
    status: 403,
    error: `This job's ${link === paths.dir ? "folder" : called} is a symbolic link (to ${target}), so its files are not shown: they are outside the job's folder, and were put there by something other than the dashboard, most likely the job itself. Move the link away (${link}) to see the job's files again.`,
  };
}
