import { type JobSpec, jobLabel } from "../job-spec";

const SLUG_MAX = 40;

/**
 * The branch a git job works on: `ccw/<the id's last 8 characters>-<its title as a slug>`, told from the job's id and
 * spec alone, so every reader names the same branch. (The id's first characters are its time, shared by the jobs of
 * an hour; its last 8 are random.)
 */
export function jobBranchName(jobId: string, spec: Pick<JobSpec, "title" | "prompt">): string {
  const whole = jobLabel(spec, 200)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // Cut at a word's end, unless the first word alone is longer.
  const cut = whole.length <= SLUG_MAX ? whole : whole.slice(0, SLUG_MAX + 1).replace(/-[^-]*$/, "");
  const slug = (cut || whole.slice(0, SLUG_MAX)).replace(/-+$/g, "");
  const short = jobId.slice(-8);
  return slug ? `ccw/${short}-${slug}` : `ccw/${short}`;
}
