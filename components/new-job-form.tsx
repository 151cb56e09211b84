"use client";

import { type InputHTMLAttributes, useActionState, useRef } from "react";
import { type SubmitJobState, submitJobAction } from "@/app/jobs/new/actions";
import { type JobSpec, permissionModes } from "@/lib/job-spec";

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 aria-[invalid=true]:border-red-500";

export function NewJobForm() {
  const [state, action, pending] = useActionState<SubmitJobState, FormData>(submitJobAction, {
    errors: {},
    values: {},
  });
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, values } = state;

  return (
    <form ref={formRef} action={action} noValidate className="space-y-5">
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
        <TextField state={state} name="model" label="Model (optional)" placeholder="the CLI's default" />
        <Field label="Permission mode" name="permissionMode" error={errors.permissionMode}>
          <select
            id="permissionMode"
            name="permissionMode"
            defaultValue={values.permissionMode ?? "acceptEdits"}
            className={inputClass}
          >
            {permissionModes.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </select>
        </Field>
        <TextField state={state} name="maxTurns" label="Max turns (optional)" inputMode="numeric" />
        <TextField
          state={state}
          name="timeoutSeconds"
          label="Timeout in seconds (optional)"
          inputMode="numeric"
        />
      </div>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Submitting…" : "Run job"}
        </button>
        <span className="text-xs text-zinc-500">Ctrl+Enter submits</span>
      </div>
    </form>
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
