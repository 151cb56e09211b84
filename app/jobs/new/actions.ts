"use server";

import { redirect } from "next/navigation";
import { copiesSchema, type FieldErrors, fieldErrorsOf, jobSpecSchema } from "@/lib/job-spec";
import { submitJob } from "@/lib/jobs/submit-job";

export interface SubmitJobState {
  errors: FieldErrors;
  /** What was typed, so a failed submit loses nothing. */
  values: Record<string, string>;
  /** Changes with every refused submit, so the form remounts showing `values` (React resets it after an action). */
  attempt: number;
}

/** The New job form's action: validate, queue (one job or several copies), then show them. */
export async function submitJobAction(previous: SubmitJobState, formData: FormData): Promise<SubmitJobState> {
  const values = Object.fromEntries(
    [...formData.entries()].filter(([key, value]) => !key.startsWith("$") && typeof value === "string"),
  ) as Record<string, string>;
  const { copies: copiesValue, ...specValues } = values;
  const parsed = jobSpecSchema.safeParse(specValues);
  const copies = copiesSchema.safeParse(copiesValue);
  const attempt = previous.attempt + 1;
  if (!parsed.success || !copies.success) {
    const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
    if (!copies.success) errors.copies = copies.error.issues[0]?.message;
    return { errors, values, attempt };
  }
  let result: Awaited<ReturnType<typeof submitJob>>;
  try {
    result = await submitJob(parsed.data, copies.data);
  } catch (error) {
    return { errors: { form: `The job could not be queued: ${(error as Error).message}` }, values, attempt };
  }
  if (!result.ok) return { errors: result.errors, values, attempt };
  // One job opens its page; copies are easier to watch side by side in the list.
  redirect(result.ids.length === 1 ? `/jobs/${result.id}` : "/");
}
