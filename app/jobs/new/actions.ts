"use server";

import { redirect } from "next/navigation";
import { type FieldErrors, fieldErrorsOf, jobSpecSchema } from "@/lib/job-spec";
import { submitJob } from "@/lib/jobs/submit-job";

export interface SubmitJobState {
  errors: FieldErrors;
  /** What was typed, so a failed submit loses nothing. */
  values: Record<string, string>;
  /** Changes with every refused submit, so the form remounts showing `values` (React resets it after an action). */
  attempt: number;
}

/** The New job form's action: validate, queue, then open the new job's page. */
export async function submitJobAction(previous: SubmitJobState, formData: FormData): Promise<SubmitJobState> {
  const values = Object.fromEntries(
    [...formData.entries()].filter(([key, value]) => !key.startsWith("$") && typeof value === "string"),
  ) as Record<string, string>;
  const parsed = jobSpecSchema.safeParse(values);
  const attempt = previous.attempt + 1;
  if (!parsed.success) return { errors: fieldErrorsOf(parsed.error), values, attempt };
  let result: Awaited<ReturnType<typeof submitJob>>;
  try {
    result = await submitJob(parsed.data);
  } catch (error) {
    return { errors: { form: `The job could not be queued: ${(error as Error).message}` }, values, attempt };
  }
  if (!result.ok) return { errors: result.errors, values, attempt };
  redirect(`/jobs/${result.id}`);
}
