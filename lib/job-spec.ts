import { z } from "zod";
import { decimalNumber } from "./decimal-number";
import { jobIdSchema } from "./job-id";
import { scheduleIdSchema } from "./schedules/schedule-id";

export const PROMPT_MAX_CHARS = 100_000;

/** Permission modes a job may ask for; bypassPermissions only where the operator allows it (see checkJobSpec). */
export const permissionModes = ["acceptEdits", "plan", "default", "dontAsk", "bypassPermissions"] as const;

/** A rate limit or an overloaded API usually passes within a few minutes: two more tries. */
export const DEFAULT_ATTEMPTS = 3;
export const TOOL_LIST_MAX = 50;
export const TAG_LIST_MAX = 10;

/** A label a person puts on jobs to find them again: lowercase, like bugfix or team-web. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,29}$/, {
    error: "A tag is 1 to 30 letters, digits, dots, dashes or underscores, like bugfix or team-web",
  });
export const DIRECTORY_LIST_MAX = 10;

// A form sends "" for a field left empty: that means "not set", not "invalid".
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalWholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    blankAsUnset,
    decimalNumber(
      z
        .number({ error: `${label} must be a number` })
        .int({ error: `${label} must be a whole number` })
        .min(min, { error: `${label} must be at least ${min}` })
        .max(max, { error: `${label} must be at most ${max}` })
        .optional(),
    ),
  );

/**
 * No program can be given a NUL character in an argument (the CLI's prompt, rules and directories are arguments):
 * refused here, by field, rather than accepted and failed at spawn.
 */
const hasNoNul = (label: string) =>
  [
    (value: string) => !value.includes("\0"),
    { error: `${label} contains a NUL character (\\0), which cannot be passed to the Claude CLI: remove it` },
  ] as const;

/** A tool name, optionally with a rule: Read, Bash(git status:*), mcp__github__create_issue. */
const toolName = z
  .string()
  .trim()
  .refine(...hasNoNul("A tool rule"))
  .max(200, { error: "A tool rule is at most 200 characters" })
  .regex(/^[A-Za-z][\w-]*(\([^()\n]*\))?$/, {
    error: "A tool is a name like Read or Edit, optionally with a rule in parentheses, like Bash(git diff:*)",
  });

/** A list typed into one field, one item a line or separated by commas, or sent as an array. */
const listOf = <T extends z.ZodType>(item: T, label: string, max: number, separator: RegExp) =>
  z.preprocess(
    (value) => {
      const items = typeof value === "string" ? value.split(separator) : value;
      if (!Array.isArray(items)) return items;
      const kept = items
        .map((entry) => (typeof entry === "string" ? entry.trim() : entry))
        .filter((entry) => entry !== "");
      return kept.length === 0 ? undefined : kept;
    },
    z
      .array(item)
      .max(max, { error: `${label}: at most ${max}` })
      .optional(),
  );

const optionalText = (label: string, max: number) =>
  z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .refine(...hasNoNul(label))
      .max(max, { error: `${label} is too long: at most ${max.toLocaleString("en")} characters` })
      .optional(),
  );

const optionalPath = (label: string) =>
  z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .refine(...hasNoNul(label))
      .max(4096, { error: `${label} is too long` })
      .refine((value) => value.startsWith("/"), {
        error: `${label} must be an absolute path, like /home/me/project`,
      })
      .optional(),
  );

const jobSpecShape = {
  prompt: z
    .string({ error: "Write a prompt: tell Claude what to do" })
    .trim()
    .min(1, { error: "Write a prompt: tell Claude what to do" })
    .refine(...hasNoNul("The prompt"))
    .max(PROMPT_MAX_CHARS, {
      error: `The prompt is too long: at most ${PROMPT_MAX_CHARS.toLocaleString("en")} characters`,
    }),
  title: optionalText("The title", 200),
  /** Labels to find the job by: the list filters on them. */
  tags: z.preprocess(
    (value) => (Array.isArray(value) ? [...new Set(value)] : value),
    listOf(tagSchema, "Tags", TAG_LIST_MAX, /[,\s]+/),
  ),
  /** An existing directory under ALLOWED_ROOTS; unset: a fresh scratch workspace in the job's folder. */
  workingDirectory: optionalPath("The working directory"),
  /**
   * For a directory in a git repository: the branch (or tag, or commit) the job's own branch starts from; unset, the
   * repository's current branch.
   */
  gitBase: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .max(200, { error: "The base branch is too long: at most 200 characters" })
      .regex(/^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/@+-]+(?<![./]|\.lock)$/, {
        error:
          "The base is a branch, tag or commit name like main, release/2.1 or 3f2a9c1: letters, digits and . _ / - + @, no '..'",
      })
      .optional(),
  ),
  /**
   * "ask": a tool the permission mode does not allow outright is asked about, on the job's page, before it runs (and
   * AskUserQuestion is answered there); unset or "mode": the permission mode decides alone, refusing what it does not
   * allow.
   */
  toolApprovals: z.preprocess(
    blankAsUnset,
    z
      .enum(["ask", "mode"], {
        error: "Tool approvals are ask (a person decides) or mode (the permission mode does)",
      })
      .optional(),
  ),
  /**
   * "wait": stopped by the account's usage limit, the job waits for the reset and runs again; "fail": it fails.
   * Unset: as USAGE_LIMIT_WAIT says (wait).
   */
  onUsageLimit: z.preprocess(
    blankAsUnset,
    z
      .enum(["wait", "fail"], {
        error: "On a usage limit, a job can wait (for the reset, then run again) or fail",
      })
      .optional(),
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
  allowedTools: listOf(toolName, "Allowed tools", TOOL_LIST_MAX, /[,\n]/),
  disallowedTools: listOf(toolName, "Disallowed tools", TOOL_LIST_MAX, /[,\n]/),
  maxTurns: optionalWholeNumber("Max turns", 1, 1000),
  maxBudgetUsd: z.preprocess(
    blankAsUnset,
    decimalNumber(
      z
        .number({ error: "Max budget must be a number of US dollars, like 2.50" })
        .positive({ error: "Max budget must be more than $0" })
        .max(10_000, { error: "Max budget must be at most $10,000" })
        .optional(),
    ),
  ),
  appendSystemPrompt: optionalText("The appended system prompt", 20_000),
  /** More directories the CLI's tools may use, each under ALLOWED_ROOTS. */
  additionalDirectories: listOf(
    z
      .string()
      .refine(...hasNoNul("An extra directory"))
      .refine((value) => value.startsWith("/") && value.length <= 4096, {
        error: "Each extra directory must be an absolute path, like /home/me/shared",
      }),
    "Extra directories",
    DIRECTORY_LIST_MAX,
    /\n/,
  ),
  timeoutSeconds: optionalWholeNumber("Timeout", 10, 7 * 24 * 3600),
  /** Stop the job when the CLI prints nothing for this long (hung). */
  idleTimeoutSeconds: optionalWholeNumber("Idle timeout", 10, 7 * 24 * 3600),
  /** 1 runs first; unset runs after every prioritized job, in submission order. */
  priority: optionalWholeNumber("Priority", 1, 1000),
  /** Runs in all, counting retries after retryable failures (rate limit, overload, a crashed worker). */
  attempts: optionalWholeNumber("Attempts", 1, 10),
  delaySeconds: optionalWholeNumber("Delay", 1, 30 * 24 * 3600),
  /** For a follow-up: the CLI session to resume, and the job that ran it (whose working directory is reused). */
  resumeSessionId: z.preprocess(
    blankAsUnset,
    z.uuid({ error: "A session id is a UUID, like 2b26a032-995b-4edb-8293-14c0739a304e" }).optional(),
  ),
  parentJobId: z.preprocess(blankAsUnset, jobIdSchema.optional()),
  /** Set on a job a schedule made: its outcome counts toward the schedule's failures in a row. */
  scheduleId: z.preprocess(blankAsUnset, scheduleIdSchema.optional()),
};

/** What a person asks for: the data of one queued job. Small and free of secrets, since Redis stores it in clear. */
export const jobSpecSchema = z.strictObject(jobSpecShape, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}: a job takes ${Object.keys(jobSpecShape).join(", ")}`
      : issue.code === "invalid_type" && !issue.path?.length
        ? 'A job is a JSON object of its fields, like {"prompt": "Write a haiku to haiku.txt"}'
        : undefined,
});

export type JobSpec = z.output<typeof jobSpecSchema>;

/** A follow-up: only the new prompt; the rest comes from the job it follows. */
export const followUpSchema = z.strictObject(
  { prompt: jobSpecShape.prompt },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}: a follow-up takes only a prompt`
        : issue.code === "invalid_type" && !issue.path?.length
          ? 'A follow-up is a JSON object, like {"prompt": "Now add tests"}'
          : undefined,
  },
);

export const MAX_COPIES = 20;

/** How many identical jobs one submit makes ("submit N copies"); not part of a job's spec. Empty means one. */
export const copiesSchema = z.preprocess(
  (value) => (value === "" || value === undefined || value === null ? 1 : value),
  decimalNumber(
    z
      .number({ error: "Copies must be a number" })
      .int({ error: "Copies must be a whole number" })
      .min(1, { error: "Make at least 1 copy" })
      .max(MAX_COPIES, { error: `At most ${MAX_COPIES} copies at once` }),
  ),
);

/** Field name → first error message, for showing each error beside its field. */
export type FieldErrors = Partial<Record<keyof JobSpec | "copies" | "form", string>>;

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

/**
 * A spec as the New job form's fields, for "Run again". A follow-up's link to its session is not copied, nor a
 * scheduled job's to its schedule.
 */
export function specToFormValues(spec: JobSpec): Record<string, string> {
  const { resumeSessionId: _session, parentJobId: _parent, scheduleId: _schedule, ...copied } = spec;
  const values: Record<string, string> = {};
  for (const [field, value] of Object.entries(copied)) {
    if (value === undefined) continue;
    values[field] = Array.isArray(value)
      ? value.join(field === "additionalDirectories" ? "\n" : ", ")
      : String(value);
  }
  return values;
}

/** A short label for a job: its title, or the first line of its prompt. */
export function jobLabel(spec: Pick<JobSpec, "title" | "prompt">, maxChars = 80): string {
  const text = spec.title || spec.prompt.split("\n", 1)[0] || spec.prompt;
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}
