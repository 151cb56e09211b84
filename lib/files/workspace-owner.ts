import type { JobSpec } from "../job-spec";

/** Far more follow-ups in a row than anyone makes; past it the chain is taken as broken. */
const MAX_CHAIN = 1000;

export type WorkspaceOwner =
  /** The job whose scratch workspace it is: the job itself, or the first of its chain of follow-ups. */
  | { kind: "scratch"; jobId: string }
  /**
   * It runs in a directory chosen on the form (re-checked against ALLOWED_ROOTS by the worker); jobId is its
   * chain's first job there, whose checkout a follow-up continues in when the directory is in a git repository.
   */
  | { kind: "chosen"; directory: string; jobId: string }
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
    if (current.workingDirectory) return chosenBy(id, current.workingDirectory, current, readSpec);
    if (!current.parentJobId) return { kind: "scratch", jobId: id };
    const parent = await readSpec(current.parentJobId);
    if (!parent) return { kind: "lost", missingJobId: current.parentJobId };
    id = current.parentJobId;
    current = parent;
  }
  return { kind: "lost", missingJobId: id };
}

async function chosenBy(
  jobId: string,
  directory: string,
  spec: Placement,
  readSpec: (jobId: string) => Promise<Placement | undefined>,
): Promise<WorkspaceOwner> {
  let id = jobId;
  let current: Placement | undefined = spec;
  for (let step = 0; step < MAX_CHAIN && current?.parentJobId; step++) {
    const parent: Placement | undefined = await readSpec(current.parentJobId);
    // A parent that is gone leaves the chain's start unknown; the checkout is then the follow-up's own.
    if (parent?.workingDirectory !== directory) break;
    id = current.parentJobId;
    current = parent;
  }
  return { kind: "chosen", directory, jobId: id };
}
