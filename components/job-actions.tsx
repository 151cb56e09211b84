"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useActionState, useState, useTransition } from "react";
import { cancelJobAction, followUpAction, retryJobAction } from "@/app/jobs/[id]/actions";
import { isFinished, type JobDetail, type JobState } from "@/lib/job-view";

const CANCELLABLE: JobState[] = ["waiting", "prioritized", "delayed", "active"];
const RETRYABLE: JobState[] = ["failed", "cancelled"];

const button =
  "rounded-md border px-3 py-1 text-sm font-medium disabled:opacity-60 border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";

/** The actions valid for the job's state, and what went wrong with the last one. */
export function JobActions({ job }: { job: JobDetail }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  const run = (action: () => Promise<{ ok: true } | { ok: false; error: string }>) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? undefined : result.error);
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
    });

  const cancel = () => {
    const question =
      job.state === "active"
        ? "Cancel this job? Claude stops where it is; files it already changed stay changed."
        : "Cancel this job? It will not run.";
    if (window.confirm(question)) run(() => cancelJobAction(job.id));
  };

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
      {RETRYABLE.includes(job.state) && (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => retryJobAction(job.id))}
          className={button}
        >
          Retry
        </button>
      )}
      {isFinished(job.state) && (
        <Link href={`/jobs/new?from=${job.id}`} className={button}>
          Run again
        </Link>
      )}
      {CANCELLABLE.includes(job.state) && (
        <button
          type="button"
          disabled={pending}
          onClick={cancel}
          className={`${button} border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950`}
        >
          {pending ? "Cancelling…" : "Cancel"}
        </button>
      )}
    </span>
  );
}

/** Continues a finished job's Claude session with a new prompt, as a new job. */
export function FollowUpForm({ job }: { job: JobDetail }) {
  const [state, action, pending] = useActionState(followUpAction.bind(null, job.id), {});
  if (!isFinished(job.state) || !(job.result?.sessionId ?? job.progress?.sessionId)) return null;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <label htmlFor="follow-up" className="block text-sm font-medium">
        Follow up
      </label>
      <p className="text-xs text-zinc-500">
        A new job that continues this session, in the same directory and with the same settings.
      </p>
      <textarea
        id="follow-up"
        name="prompt"
        rows={3}
        placeholder="Now add tests for it"
        aria-invalid={state.error ? true : undefined}
        className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      {state.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Submitting…" : "Follow up"}
      </button>
    </form>
  );
}
