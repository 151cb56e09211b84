import "server-only";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import type { WorkspaceFile } from "../job-view";

const MAX_LISTED_FILES = 5000;

/**
 * Every regular file under a workspace, sorted by path; symlinks are listed as what they are, never followed. A
 * `.git` (a checkout's pointer to its repository, or a repository a job made) is git's, not the job's work: left out.
 */
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
      if (entry.name === ".git") continue;
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
