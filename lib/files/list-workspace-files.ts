import "server-only";
import { lstat, open, readdir, readFile, realpath } from "node:fs/promises";
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

/** Images the dashboard shows inline. SVG is not among them: it can carry script. */
const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
};

export function imageTypeOf(file: string): string | undefined {
  return IMAGE_TYPES[path.extname(file).toLowerCase()];
}

/** How much of a text file a preview shows; the rest is a download away. */
export const PREVIEW_BYTES = 256 * 1024;

export type FilePreview =
  | { kind: "text"; text: string; size: number; truncated: boolean }
  | { kind: "binary"; size: number };

/** The beginning of a file as text, or "binary" when it holds NUL bytes or is not UTF-8. */
export async function readFilePreview(file: string, maxBytes = PREVIEW_BYTES): Promise<FilePreview> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes.includes(0)) return { kind: "binary", size };
    // A cut can split a character at the end: decode without it rather than call the file binary.
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    const replaced = (text.match(/\uFFFD/g) ?? []).length;
    if (replaced > 8) return { kind: "binary", size };
    return { kind: "text", text, size, truncated: bytesRead < size };
  } finally {
    await handle.close();
  }
}
