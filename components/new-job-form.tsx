"use client";

import { type InputHTMLAttributes, useActionState, useRef, useState } from "react";
import { type SubmitJobState, submitJobAction } from "@/app/jobs/new/actions";
import { type JobSpec, MAX_COPIES, permissionModes } from "@/lib/job-spec";
import type { JobLimits } from "@/lib/jobs/job-limits";
import type { ScheduleFormErrors } from "@/lib/schedules/schedule-form";
import { CopyButton } from "./copy-button";
import { DirectoryPicker } from "./directory-picker";
import { SubmitButton } from "./submit-button";
import { useSystemStatus } from "./system-status";

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 aria-[invalid=true]:border-red-500";

export function NewJobForm({
  initialValues = {},
  limits,
}: {
  initialValues?: Record<string, string>;
  limits: JobLimits;
}) {
  const [state, action, pending] = useActionState<SubmitJobState, FormData>(submitJobAction, {
    errors: {},
    values: initialValues,
    attempt: 0,
  });
  const formRef = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState(state.values.permissionMode ?? "acceptEdits");
  const [directory, setDirectory] = useState(state.values.workingDirectory ?? "");
  // Unset until the person chooses: then the server's default for the directory decides, as the box shows.
  const [approvals, setApprovals] = useState(
    state.values.toolApprovals === "ask" || state.values.toolApprovals === "mode"
      ? state.values.toolApprovals
      : undefined,
  );
  const askByDefault = directory.trim() !== "" && limits.toolApprovalsInDirectories === "ask";
  const [run, setRun] = useState<"once" | "schedule" | "trigger">(
    state.values.run === "schedule" || state.values.run === "trigger" ? state.values.run : "once",
  );
  const { data: status } = useSystemStatus();
  const { errors, values } = state;

  return (
    <form key={state.attempt} ref={formRef} action={action} noValidate className="space-y-5">
      {errors.form && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {errors.form}
        </p>
      )}
      <Field label="Prompt" name="prompt" error={errors.prompt}>
        <textarea
          id="prompt"
          name="prompt"
          rows={8}
          // biome-ignore lint/a11y/noAutofocus: typing the prompt is what this page is for
          autoFocus
          defaultValue={values.prompt}
          aria-invalid={errors.prompt ? true : undefined}
          aria-describedby={errors.prompt ? "prompt-error" : undefined}
          placeholder="What should Claude do? For example: Write a Python script that prints the first 20 primes to primes.py"
          className={`${inputClass} font-mono`}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) formRef.current?.requestSubmit();
          }}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField state={state} name="title" label="Title (optional)" />
        <TextField state={state} name="tags" label="Tags (optional)" placeholder="bugfix, team-web" />
        <Field label="Working directory" name="workingDirectory" error={errors.workingDirectory}>
          <DirectoryPicker
            onChange={setDirectory}
            defaultValue={values.workingDirectory}
            defaultBase={values.gitBase}
            error={errors.workingDirectory}
            baseError={errors.gitBase}
            className={`${inputClass} font-mono`}
          />
        </Field>
        <TextField state={state} name="model" label="Model (optional)" placeholder="the CLI's default" />
        <Field label="Permission mode" name="permissionMode" error={errors.permissionMode}>
          <select
            id="permissionMode"
            name="permissionMode"
            defaultValue={values.permissionMode ?? "acceptEdits"}
            onChange={(event) => setMode(event.target.value)}
            className={inputClass}
          >
            {permissionModes.map((mode) => {
              const refused = mode === "bypassPermissions" && !limits.allowBypassPermissions;
              return (
                <option key={mode} value={mode} disabled={refused}>
                  {PERMISSION_MODE_LABELS[mode]}
                  {refused ? " (not allowed here: ALLOW_BYPASS_PERMISSIONS)" : ""}
                </option>
              );
            })}
          </select>
          {mode === "bypassPermissions" &&
            status?.workers.some((worker) => worker.cli.refusesBypassPermissions) && (
              <p
                data-testid="bypass-root-warning"
                className="mt-1 text-sm text-amber-700 dark:text-amber-300"
              >
                The workers run as root, where the Claude CLI refuses bypassPermissions unless the worker has
                IS_SANDBOX=1 (set it only if the worker runs in a container or VM).
              </p>
            )}
          <label className="mt-2 flex items-start gap-2 text-sm">
            <input type="hidden" name="toolApprovals" value={approvals ?? ""} />
            <input
              type="checkbox"
              checked={approvals === undefined ? askByDefault : approvals === "ask"}
              onChange={(event) => setApprovals(event.target.checked ? "ask" : "mode")}
              className="mt-1"
            />
            <span>
              Ask me before tools run
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                A tool this mode does not allow waits on the job's page for you to allow or refuse it, instead
                of being refused.
                {approvals === undefined && askByDefault && " On by default for a directory of yours."}
              </span>
            </span>
          </label>
        </Field>
      </div>
      <details
        open={ADVANCED_FIELDS.some((field) => errors[field] || values[field]) || undefined}
        className="rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
      >
        <summary className="cursor-pointer text-sm font-medium">Advanced</summary>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <TextAreaField
            state={state}
            name="allowedTools"
            label="Allowed tools"
            placeholder="Read, Edit, Bash(npm test:*)"
          />
          <TextAreaField
            state={state}
            name="disallowedTools"
            label="Disallowed tools"
            placeholder="WebFetch, WebSearch"
          />
          <TextField
            state={state}
            name="maxTurns"
            label="Max turns"
            inputMode="numeric"
            placeholder="no limit"
          />
          <TextField
            state={state}
            name="maxBudgetUsd"
            label="Max budget (USD)"
            inputMode="decimal"
            placeholder="no limit"
          />
          <TextField
            state={state}
            name="timeoutSeconds"
            label={`Timeout (seconds, at most ${limits.maxTimeoutSeconds})`}
            inputMode="numeric"
            placeholder={`${limits.defaultTimeoutSeconds}`}
          />
          <TextField
            state={state}
            name="idleTimeoutSeconds"
            label={`Idle timeout (seconds, at most ${limits.maxIdleTimeoutSeconds})`}
            inputMode="numeric"
            placeholder={`${limits.defaultIdleTimeoutSeconds}`}
          />
          <TextField
            state={state}
            name="priority"
            label="Priority (1 runs first)"
            inputMode="numeric"
            placeholder="after prioritized jobs"
          />
          <TextField
            state={state}
            name="attempts"
            label="Attempts (for retryable failures)"
            inputMode="numeric"
            placeholder={`${limits.defaultAttempts}`}
          />
          <Field label="On a usage limit" name="onUsageLimit" error={errors.onUsageLimit}>
            <select
              id="onUsageLimit"
              name="onUsageLimit"
              defaultValue={values.onUsageLimit ?? ""}
              className={inputClass}
            >
              <option value="">
                {limits.waitForUsageLimits ? "wait for the reset (the default)" : "fail (the default here)"}
              </option>
              <option value="wait">wait for the reset, then run again</option>
              <option value="fail">fail, to be retried later</option>
            </select>
          </Field>
          <TextField
            state={state}
            name="delaySeconds"
            label="Start after (seconds)"
            inputMode="numeric"
            placeholder="at once"
          />
          <TextAreaField
            state={state}
            name="additionalDirectories"
            label="Extra directories (one a line)"
            placeholder="/home/me/shared-lib"
          />
          <div className="sm:col-span-2">
            <TextAreaField state={state} name="appendSystemPrompt" label="Appended system prompt" />
          </div>
        </div>
      </details>
      {status?.workers.length && status.workers.every((worker) => worker.cli.credentials === "none") ? (
        <p
          data-testid="no-credentials-warning"
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          No worker has credentials for the Claude API: this job will fail to authenticate. Set
          ANTHROPIC_API_KEY for the worker and restart it, or try the dashboard first with{" "}
          <code>npm run demo</code>, where a local demo model answers.
        </p>
      ) : null}
      {status?.workers.some((worker) => worker.isolation?.level === "none") ? (
        <p
          data-testid="isolation-warning"
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          Jobs here are not isolated: this job could read the dashboard's data (its session secret, other
          jobs' files) and reach its Redis. Send only what you would run yourself as the worker's user.
        </p>
      ) : null}
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">Run</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(["once", "schedule", "trigger"] as const).map((choice) => (
            <label key={choice} className="flex items-center gap-2">
              <input
                type="radio"
                name="run"
                value={choice}
                checked={run === choice}
                onChange={() => setRun(choice)}
              />
              {choice === "once"
                ? "Once, now"
                : choice === "schedule"
                  ? "On a schedule"
                  : "When a trigger fires it"}
            </label>
          ))}
        </div>
        {run === "schedule" && <ScheduleFields state={state} />}
        {run === "trigger" && (
          <div className="grid gap-4 rounded-lg border border-zinc-200 p-4 sm:grid-cols-2 dark:border-zinc-800">
            <Field label="Template name" name="templateName" error={errors.templateName}>
              <input
                id="templateName"
                name="templateName"
                defaultValue={values.templateName}
                placeholder="Triage a failed CI run"
                className={inputClass}
              />
            </Field>
            <p className="self-end text-xs text-zinc-500 dark:text-zinc-400">
              Saved as a template with a token of its own: a CI step or another service posts to its URL to
              start this job, with extra text after the prompt if it likes.
            </p>
          </div>
        )}
        {state.madeTemplate && (
          <div
            role="status"
            data-testid="made-template"
            className="space-y-2 rounded-md bg-green-50 p-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
          >
            <p className="font-medium">
              Template “{state.madeTemplate.name}” saved. Its token, shown this once: copy it now.
            </p>
            <p className="flex items-center gap-2">
              <code data-testid="template-token" className="break-all font-mono text-xs">
                {state.madeTemplate.token}
              </code>
              <CopyButton text={state.madeTemplate.token} label="the token" />
            </p>
            <pre className="overflow-x-auto font-mono text-xs">{`curl -X POST ${state.madeTemplate.fireUrl} \\
  -H "Authorization: Bearer <the token>" -H "Content-Type: application/json" \\
  -d '{"text": "optional words after the prompt"}'`}</pre>
          </div>
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Submitting…">
          {run === "schedule"
            ? values.scheduleId
              ? "Save the schedule"
              : "Save schedule"
            : run === "trigger"
              ? "Save template"
              : "Run job"}
        </SubmitButton>
        <label
          htmlFor="copies"
          className={`flex items-center gap-2 text-sm ${run === "once" ? "" : "hidden"}`}
        >
          Copies
          <input
            id="copies"
            name="copies"
            type="number"
            min={1}
            max={MAX_COPIES}
            defaultValue={values.copies ?? "1"}
            aria-invalid={errors.copies ? true : undefined}
            aria-describedby={errors.copies ? "copies-error" : undefined}
            className="w-16 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 aria-[invalid=true]:border-red-500"
          />
        </label>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">Ctrl+Enter submits</span>
      </div>
      {errors.copies && (
        <p id="copies-error" data-testid="copies-error" className="text-sm text-red-600 dark:text-red-400">
          {errors.copies}
        </p>
      )}
    </form>
  );
}

const PERMISSION_MODE_LABELS: Record<(typeof permissionModes)[number], string> = {
  acceptEdits: "acceptEdits: edit files without asking",
  plan: "plan: read and plan, change nothing",
  default: "default: refuse what needs permission",
  dontAsk: "dontAsk: only pre-approved tools",
  bypassPermissions: "bypassPermissions: run anything",
};

const ADVANCED_FIELDS = [
  "allowedTools",
  "disallowedTools",
  "maxTurns",
  "maxBudgetUsd",
  "timeoutSeconds",
  "idleTimeoutSeconds",
  "priority",
  "attempts",
  "onUsageLimit",
  "delaySeconds",
  "additionalDirectories",
  "appendSystemPrompt",
] as const satisfies (keyof JobSpec)[];

/** When a schedule runs and what it does about a run still going: the form's part for "On a schedule". */
function ScheduleFields({ state }: { state: SubmitJobState }) {
  const { values, errors } = state;
  const input = (name: keyof ScheduleFormErrors, props: InputHTMLAttributes<HTMLInputElement>) => (
    <input
      id={name}
      name={name}
      defaultValue={values[name]}
      aria-invalid={errors[name] ? true : undefined}
      aria-describedby={errors[name] ? `${name}-error` : undefined}
      className={inputClass}
      {...props}
    />
  );
  return (
    <div className="grid gap-4 rounded-lg border border-zinc-200 p-4 sm:grid-cols-2 dark:border-zinc-800">
      {values.scheduleId && <input type="hidden" name="scheduleId" value={values.scheduleId} />}
      <Field label="Schedule name" name="scheduleName" error={errors.scheduleName}>
        {input("scheduleName", { placeholder: "Nightly dependency update" })}
      </Field>
      <Field label="Cron (minute hour day month weekday)" name="scheduleCron" error={errors.scheduleCron}>
        {input("scheduleCron", { placeholder: "0 9 * * 1-5", className: `${inputClass} font-mono` })}
      </Field>
      <Field label="Or every (seconds)" name="scheduleEverySeconds" error={errors.scheduleEverySeconds}>
        {input("scheduleEverySeconds", { inputMode: "numeric", placeholder: "3600" })}
      </Field>
      <Field label="Time zone (for cron)" name="scheduleTimezone" error={errors.scheduleTimezone}>
        {input("scheduleTimezone", { placeholder: Intl.DateTimeFormat().resolvedOptions().timeZone })}
      </Field>
      <Field label="While its last job still runs" name="scheduleOverlap" error={errors.scheduleOverlap}>
        <select
          id="scheduleOverlap"
          name="scheduleOverlap"
          defaultValue={values.scheduleOverlap ?? "skip"}
          className={inputClass}
        >
          <option value="skip">skip this run (the default)</option>
          <option value="allow">start another beside it</option>
        </select>
      </Field>
      <p className="self-end text-xs text-zinc-500 dark:text-zinc-400">
        Each run submits the job above. After 3 failed runs in a row the schedule pauses itself and says why.
      </p>
    </div>
  );
}

/** A one-line input for a JobSpec field, showing what was typed and its error. */
function TextField({
  state,
  name,
  label,
  ...inputProps
}: { state: SubmitJobState; name: keyof JobSpec; label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const error = state.errors[name];
  return (
    <Field label={label} name={name} error={error}>
      <input
        id={name}
        name={name}
        defaultValue={state.values[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        className={inputClass}
        {...inputProps}
      />
    </Field>
  );
}

/** A multi-line input for a JobSpec field. */
function TextAreaField({
  state,
  name,
  label,
  placeholder,
}: {
  state: SubmitJobState;
  name: keyof JobSpec;
  label: string;
  placeholder?: string;
}) {
  const error = state.errors[name];
  return (
    <Field label={label} name={name} error={error}>
      <textarea
        id={name}
        name={name}
        rows={3}
        placeholder={placeholder}
        defaultValue={state.values[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        className={`${inputClass} font-mono`}
      />
    </Field>
  );
}

function Field({
  label,
  name,
  error,
  children,
}: {
  label: string;
  name: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children}
      {error && (
        <p
          id={`${name}-error`}
          data-testid={`${name}-error`}
          className="mt-1 text-sm text-red-600 dark:text-red-400"
        >
          {error}
        </p>
      )}
    </div>
  );
}
