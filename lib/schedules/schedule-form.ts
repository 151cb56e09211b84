import type { z } from "zod";
import type { FieldErrors } from "../job-spec";
import type { ScheduleDefinition } from "./schedule-schemas";

/** The New job form's fields for a schedule, beside the job's own. */
export const SCHEDULE_FIELDS = {
  name: "scheduleName",
  cron: "scheduleCron",
  everySeconds: "scheduleEverySeconds",
  timezone: "scheduleTimezone",
  overlap: "scheduleOverlap",
} as const;
type ScheduleField = (typeof SCHEDULE_FIELDS)[keyof typeof SCHEDULE_FIELDS];
export type ScheduleFormErrors = Partial<Record<ScheduleField, string>>;

/** The form's fields as a schedule's input, to be checked by scheduleInputSchema. */
export function scheduleInputOfForm(values: Record<string, string>): Record<string, unknown> {
  const spec: Record<string, string> = {};
  const scheduleFields = new Set<string>([...Object.values(SCHEDULE_FIELDS), "run", "copies", "scheduleId"]);
  for (const [field, value] of Object.entries(values)) if (!scheduleFields.has(field)) spec[field] = value;
  return Object.fromEntries([
    ...Object.entries(SCHEDULE_FIELDS).map(([key, field]) => [key, values[field]]),
    ["spec", spec],
  ]);
}

/** Each error beside its field: the schedule's own, or the job's (under `spec`). */
export function scheduleFormErrorsOf(error: z.ZodError): FieldErrors & ScheduleFormErrors {
  const errors: FieldErrors & ScheduleFormErrors = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path as string[];
    const field =
      first === "spec"
        ? ((second as keyof FieldErrors | undefined) ?? "form")
        : (SCHEDULE_FIELDS[first as keyof typeof SCHEDULE_FIELDS] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A saved schedule as the form's fields, for editing it. */
export function scheduleFormValues(
  schedule: Pick<ScheduleDefinition, "id" | "input">,
): Record<string, string> {
  const values: Record<string, string> = { run: "schedule", scheduleId: schedule.id };
  for (const [key, field] of Object.entries(SCHEDULE_FIELDS)) {
    const value = schedule.input[key as keyof typeof SCHEDULE_FIELDS];
    if (value !== undefined) values[field] = String(value);
  }
  return values;
}
