import type { Diagnosis } from "@/lib/job-result";

/** A file the worker could not write: what a person needs to know about it. */
export class WriteFailure extends Error {
  constructor(
    readonly diagnosis: Diagnosis,
    readonly cause: unknown,
  ) {
    super(diagnosis.cause);
    this.name = "WriteFailure";
  }
}

const DISK_FULL = new Set(["ENOSPC", "EDQUOT"]);
const READ_ONLY = new Set(["EROFS", "EACCES", "EPERM"]);

/** Whether a filesystem error is about the data directory itself (full, read-only, failing) and not the job. */
export function isDataDirFault(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && (DISK_FULL.has(code) || READ_ONLY.has(code) || code === "EIO");
}

/** The diagnosis of a write to `file` that failed with `error`: cause, path and fix. */
export function diagnoseWriteFailure(error: unknown, file: string): Diagnosis {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "UNKNOWN";
  if (DISK_FULL.has(code)) {
    return {
      code: "disk-full",
      cause: `The data directory is full: ${file} could not be written (${code}${code === "EDQUOT" ? ", disk quota exceeded" : ", no space left on the device"}), so the job was stopped.`,
      fix: "Free space on that disk (delete old jobs in the dashboard, or move DATA_DIR to a larger disk), then retry the job.",
    };
  }
  if (READ_ONLY.has(code)) {
    return {
      code: "read-only-data-dir",
      cause: `The data directory cannot be written: ${file} failed with ${code}${code === "EROFS" ? " (the filesystem is mounted read-only)" : " (permission denied)"}, so the job was stopped.`,
      fix:
        code === "EROFS"
          ? "Remount the filesystem read-write (it may have been remounted read-only after disk errors: check the kernel log), then retry the job."
          : "Give the worker's user write access to DATA_DIR, or point DATA_DIR elsewhere, then retry the job.",
    };
  }
  return {
    code: "data-dir-io-error",
    cause: `Writing ${file} failed with ${code}${code === "EIO" ? " (an I/O error: the disk or its connection is failing)" : ""}: ${(error as Error | undefined)?.message ?? "unknown error"}.`,
    fix: "Check the disk under DATA_DIR (the kernel log, its health), then retry the job.",
  };
}
