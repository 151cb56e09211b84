import type { JobSpec } from "../job-spec";

/** Far more follow-ups in a row than anyone makes; past it the chain is taken as broken. */
const MAX_CHAIN = 1000;

export type WorkspaceOwner =
  /** The job whose scratch workspace it is: the job itself, or the first of its chain of follow-ups. */
  | { kind: "scratch"; jobId: string }
  /** It runs in a directory chosen on the form (re-checked against ALLOWED_ROOTS by the worker). */
  | { kind: "chosen"; directory: string }
  /** A job of its chain is gone from the queue, so where it ran cannot be told. */
  | { kind: "lost"; missingJobId: string };

type Placement = Pick<JobSpec, "workingDirectory" | "parentJobId">;

/**
 * Where a job works, from the specs the dashboard submitted alone: a follow-up continues in its parent's
 * directory, so a chain of them shares the first job's workspace. Never from a file in a job's folder, which the
 * job itself can rewrite.
 */
export async function workspaceOwnerOf(
  jobId: string,
  spec: Placement,
  readSpec: (jobId: string) => Promise<Placement | undefined>,
): Promise<WorkspaceOwner> {
  let id = jobId;
  let current: Placement = spec;
  for (let step = 0; step < MAX_CHAIN; step++) {
    // A follow-up copies its parent's settings, its directory among them.
    if (current.workingDirectory) return { kind: "chosen", directory: current.workingDirectory };
    if (!current.parentJobId) return { kind: "scratch", jobId: id };
    const parent = await readSpec(current.parentJobId);
    if (!parent) return { kind: "lost", missingJobId: current.parentJobId };
    id = current.parentJobId;
    current = parent;
  }
  return { kind: "lost", missingJobId: id };
}
