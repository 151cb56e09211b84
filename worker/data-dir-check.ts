import { rm, statfs, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DataDirStatus } from "@/lib/worker-status";

const MB = 1024 * 1024;
const formatMb = (bytes: number) => `${Math.floor(bytes / MB).toLocaleString("en")} MB`;

/**
 * Whether DATA_DIR can take a job's output now: writable, and with at least `minFreeBytes` free. A worker that
 * takes a job on a full or read-only disk only produces a failure the operator must then explain.
 */
export async function checkDataDir(
  dataDir: string,
  minFreeBytes: number,
  probeName: string,
): Promise<DataDirStatus> {
  const status = (freeBytes: number | null, problem: DataDirStatus["problem"]): DataDirStatus => ({
    path: dataDir,
    freeBytes,
    minFreeBytes,
    problem,
  });
  let freeBytes: number | null = null;
  try {
    const stats = await statfs(dataDir);
    freeBytes = stats.bavail * stats.bsize;
  } catch (error) {
    return status(null, {
      title: `The data directory ${dataDir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): workers take no job.`,
      fix: "Create it, mount it, or point DATA_DIR at a directory the worker can use; the worker resumes by itself.",
    });
  }
  try {
    const probe = path.join(dataDir, `.write-check-${probeName}`);
    await writeFile(probe, "");
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    if (code !== "ENOSPC" && code !== "EDQUOT") {
      return status(freeBytes, {
        title: `The data directory ${dataDir} cannot be written (${code}${code === "EROFS" ? ": mounted read-only" : ""}): workers take no job.`,
        fix:
          code === "EROFS"
            ? "Remount it read-write (check the kernel log for disk errors); the worker resumes by itself."
            : "Give the worker's user write access to it; the worker resumes by itself.",
      });
    }
    freeBytes = 0;
  }
  if (freeBytes < minFreeBytes) {
    return status(freeBytes, {
      title: `The data directory ${dataDir} has ${formatMb(freeBytes)} free, below the ${formatMb(minFreeBytes)} a worker needs to take a job.`,
      fix: "Free space on that disk (delete old jobs, or move DATA_DIR to a larger disk), or lower DATA_DIR_MIN_FREE_MB; the worker resumes by itself.",
    });
  }
  return status(freeBytes, null);
}
