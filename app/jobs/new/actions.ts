"use server";

import { redirect } from "next/navigation";
import { copiesSchema, type FieldErrors, fieldErrorsOf, jobSpecSchema } from "@/lib/job-spec";
import { submitJob } from "@/lib/jobs/submit-job";
import { saveSchedule } from "@/lib/schedules/save-schedule";
import {
  type ScheduleFormErrors,
  scheduleFormErrorsOf,
  scheduleInputOfForm,
} from "@/lib/schedules/schedule-form";
import { scheduleInputSchema } from "@/lib/schedules/schedule-schemas";
import { saveTemplate } from "@/lib/templates/save-template";
import { templateInputSchema } from "@/lib/templates/template-schemas";

export interface SubmitJobState {
  errors: FieldErrors & ScheduleFormErrors & { templateName?: string };
  /** What was typed, so a failed submit loses nothing. */
  values: Record<string, string>;
  /** Changes with every refused submit, so the form remounts showing `values` (React resets it after an action). */
  attempt: number;
  /** A template just saved ("As a trigger"): its token, shown this once, and where its trigger posts. */
  madeTemplate?: { name: string; token: string; fireUrl: string };
}

/**
 * The New job form's action: validate, then queue (one job or several copies) and show them; or, with "On a
 * schedule", save the schedule (a new one, or the one being edited) and show the schedules.
 */
export async function submitJobAction(previous: SubmitJobState, formData: FormData): Promise<SubmitJobState> {
  const values = Object.fromEntries(
    [...formData.entries()].filter(([key, value]) => !key.startsWith("$") && typeof value === "string"),
  ) as Record<string, string>;
  const attempt = previous.attempt + 1;
  if (values.run === "schedule") return saveScheduleOfForm(values, attempt);
  if (values.run === "trigger") return saveTemplateOfForm(values, attempt);
  const { copies: copiesValue, run: _run, ...specValues } = values;
  const parsed = jobSpecSchema.safeParse(specValues);
  const copies = copiesSchema.safeParse(copiesValue);
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

async function saveTemplateOfForm(values: Record<string, string>, attempt: number): Promise<SubmitJobState> {
  const { run: _run, copies: _copies, templateName, ...specValues } = values;
  const parsed = templateInputSchema.safeParse({ name: templateName, spec: specValues });
  if (!parsed.success) {
    const errors: FieldErrors & ScheduleFormErrors & { templateName?: string } = {};
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path as string[];
      const field = first === "name" ? "templateName" : ((second as keyof FieldErrors | undefined) ?? "form");
      errors[field as keyof typeof errors] ??= issue.message;
    }
    return { errors, values, attempt };
  }
  const result = await saveTemplate(parsed.data);
  if (!result.ok) return { errors: result.errors, values, attempt };
  return {
    errors: {},
    values,
    attempt,
    madeTemplate: { name: result.template.name, token: result.token, fireUrl: result.template.fireUrl },
  };
}

async function saveScheduleOfForm(values: Record<string, string>, attempt: number): Promise<SubmitJobState> {
  const parsed = scheduleInputSchema.safeParse(scheduleInputOfForm(values));
  if (!parsed.success) return { errors: scheduleFormErrorsOf(parsed.error), values, attempt };
  let result: Awaited<ReturnType<typeof saveSchedule>>;
  try {
    result = await saveSchedule(parsed.data, values.scheduleId || undefined);
  } catch (error) {
    return {
      errors: { form: `The schedule could not be saved: ${(error as Error).message}` },
      values,
      attempt,
    };
  }
  if (!result.ok)
    return { errors: "errors" in result ? result.errors : { form: result.error }, values, attempt };
  redirect(`/schedules#${result.id}`);
}
