import { z } from "zod";

export const PROMPT_MAX_CHARS = 100_000;

/** Permission modes a job may ask for. bypassPermissions is left out until the operator can enable it. */
export const permissionModes = ["acceptEdits", "plan", "default", "dontAsk"] as const;

// A form sends "" for a field left empty: that means "not set", not "invalid".
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalWholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: `${label} must be a number` })
      .int({ error: `${label} must be a whole number` })
      .min(min, { error: `${label} must be at least ${min}` })
      .max(max, { error: `${label} must be at most ${max}` })
      .optional(),
  );

const jobSpecShape = {
  prompt: z
    .string({ error: "Write a prompt: tell Claude what to do" })
    .trim()
    .min(1, { error: "Write a prompt: tell Claude what to do" })
    .max(PROMPT_MAX_CHARS, {
      error: `The prompt is too long: at most ${PROMPT_MAX_CHARS.toLocaleString("en")} characters`,
    }),
  title: z.preprocess(
    blankAsUnset,
    z.string().trim().max(200, { error: "The title is too long: at most 200 characters" }).optional(),
  ),
  model: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .max(100, { error: "The model name is too long" })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._\-[\]]*$/, {
        error: "A model is a name like sonnet, opus or claude-sonnet-5: letters, digits, dots and dashes",
      })
      .optional(),
  ),
  permissionMode: z.preprocess(
    blankAsUnset,
    z
      .enum(permissionModes, { error: `Permission mode must be one of: ${permissionModes.join(", ")}` })
      .default("acceptEdits"),
  ),
  maxTurns: optionalWholeNumber("Max turns", 1, 1000),
  timeoutSeconds: optionalWholeNumber("Timeout", 10, 7 * 24 * 3600),
};

/** What a person asks for: the data of one queued job. Small and free of secrets, since Redis stores it in clear. */
export const jobSpecSchema = z.strictObject(jobSpecShape, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}: a job takes ${Object.keys(jobSpecShape).join(", ")}`
      : undefined,
});

export type JobSpec = z.output<typeof jobSpecSchema>;
export type JobSpecInput = z.input<typeof jobSpecSchema>;

/** Field name → first error message, for showing each error beside its field. */
export type FieldErrors = Partial<Record<keyof JobSpec | "form", string>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = (issue.path[0] as keyof JobSpec | undefined) ?? "form";
    // Unknown keys land on the form as a whole: there is no field to show them beside.
    const field = issue.code === "unrecognized_keys" ? "form" : key;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A short label for a job: its title, or the first line of its prompt. */
export function jobLabel(spec: Pick<JobSpec, "title" | "prompt">, maxChars = 80): string {
  const text = spec.title || spec.prompt.split("\n", 1)[0] || spec.prompt;
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}
