import "server-only";
import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { jobPaths } from "./job-paths";
import type { WorkspaceFile } from "./job-view";

const MAX_LISTED_FILES = 5000;

/** Every regular file under a workspace, sorted by path; symlinks are listed as what they are, never followed. */
export async function listWorkspaceFiles(workspace: string): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_LISTED_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const stats = await lstat(full);
        files.push({
          path: path.relative(workspace, full).split(path.sep).join("/"),
          size: stats.size,
          modifiedAt: stats.mtimeMs,
        });
      }
    }
  }
  await walk(workspace);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The real path of `relative` inside `root`, or undefined when it does not exist or resolves outside it
 * (`..`, an absolute path, a symlink that points out).
 */
export async function resolveInside(root: string, relative: string): Promise<string | undefined> {
  if (relative.includes("\0") || path.isAbsolute(relative)) return undefined;
  try {
    const realRoot = await realpath(root);
    const target = await realpath(path.join(realRoot, relative));
    return target.startsWith(realRoot + path.sep) ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The workspace whose files a job's page shows: its own, or for a follow-up of a scratch job, the one it ran in
 * (its parent's), as job.json records. Never anything outside DATA_DIR's job folders.
 */
export async function jobFilesRoot(dataDir: string, jobId: string): Promise<string> {
  const own = jobPaths(dataDir, jobId);
  try {
    const { cwd } = JSON.parse(await readFile(own.spec, "utf8")) as { cwd?: unknown };
    const jobsDir = path.join(dataDir, "jobs") + path.sep;
    if (typeof cwd === "string" && cwd.startsWith(jobsDir) && cwd.endsWith(`${path.sep}workspace`))
      return cwd;
  } catch {}
  return own.workspace;
}
