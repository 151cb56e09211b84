import { mkdir, readFile } from "node:fs/promises";
import { z } from "zod";
import { checkAllowedDirectory } from "@/lib/allowed-directory";
import { jobPaths } from "@/lib/job-paths";
import type { Diagnosis } from "@/lib/job-result";
import type { JobSpec } from "@/lib/job-spec";

/** What job.json records of a run, read back by follow-ups. */
export const jobRecordSchema = z.object({ id: z.string(), cwd: z.string() }).loose();

export type CwdResolution = { ok: true; cwd: string } | { ok: false; diagnosis: Diagnosis };

const unusable = (cause: string, fix: string): CwdResolution => ({
  ok: false,
  diagnosis: { code: "working-directory", cause, fix },
});

/**
 * Where the CLI runs: a follow-up in its parent's directory (the CLI keeps sessions per directory), a chosen
 * directory re-checked against ALLOWED_ROOTS (it may have changed since submit), or the job's scratch workspace.
 */
export async function resolveJobCwd(
  spec: JobSpec,
  jobId: string,
  dataDir: string,
  allowedRoots: string[],
): Promise<CwdResolution> {
  for (const directory of spec.additionalDirectories ?? []) {
    const check = await checkAllowedDirectory(directory, allowedRoots);
    if (!check.ok)
      return unusable(
        `An extra directory is not usable: ${check.error}.`,
        "Fix the path, or ask the operator to allow it.",
      );
  }
  if (spec.parentJobId) {
    try {
      const parent = jobRecordSchema.parse(
        JSON.parse(await readFile(jobPaths(dataDir, spec.parentJobId).spec, "utf8")),
      );
      return { ok: true, cwd: parent.cwd };
    } catch {
      return unusable(
        `The job this follows up on (${spec.parentJobId}) has no record of where it ran: its folder was deleted.`,
        "Start a new job instead of a follow-up.",
      );
    }
  }
  if (spec.workingDirectory) {
    const check = await checkAllowedDirectory(spec.workingDirectory, allowedRoots);
    return check.ok
      ? { ok: true, cwd: check.path }
      : unusable(
          `The working directory is not usable: ${check.error}.`,
          "Pick another directory, or ask the operator to allow it.",
        );
  }
  const { workspace } = jobPaths(dataDir, jobId);
  await mkdir(workspace, { recursive: true });
  return { ok: true, cwd: workspace };
}
