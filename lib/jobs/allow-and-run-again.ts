import "server-only";
import { jobRefusalAdvice, rulesToAllow } from "../cli/refusal-advice";
import { jobSpecSchema } from "../job-spec";
import { getJobDetail } from "./get-job";
import { type SubmitResult, submitJob } from "./submit-job";

export type AllowAndRunAgainResult =
  | (Extract<SubmitResult, { ok: true }> & { rules: string[] })
  | Extract<SubmitResult, { ok: false }>
  | { ok: false; status: 404 | 409; error: string };

/**
 * A completed job whose permission mode refused some tool calls, run again as a new job with the same spec and
 * exactly the refused calls' rules added to its allowed tools (a follow-up again resumes the same session).
 */
export async function allowAndRunAgain(id: string): Promise<AllowAndRunAgainResult> {
  const job = await getJobDetail(id);
  if (!job) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  if (job.state !== "completed")
    return {
      ok: false,
      status: 409,
      error: `The job is ${job.state}: only a completed job's refusals can be allowed and run again.`,
    };
  const rules = rulesToAllow(jobRefusalAdvice(job), job.spec.allowedTools);
  if (rules.length === 0)
    return {
      ok: false,
      status: 409,
      error:
        "Nothing to allow: the job's last run was refused no tool call a rule could let through (a path outside its directories needs Extra directories instead).",
    };
  const spec = jobSpecSchema.safeParse({
    ...job.spec,
    allowedTools: [...(job.spec.allowedTools ?? []), ...rules],
  });
  if (!spec.success)
    return { ok: false, status: 409, error: spec.error.issues[0]?.message ?? "The rules do not fit the job" };
  const submitted = await submitJob(spec.data);
  return submitted.ok ? { ...submitted, rules } : submitted;
}
