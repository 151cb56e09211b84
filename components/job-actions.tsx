"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import {
  cancelJobAction,
  deleteJobAction,
  followUpAction,
  retryJobAction,
  runNowAction,
} from "@/app/jobs/[id]/actions";
import {
  canFollowUp,
  isFinished,
  type JobDetail,
  type JobList,
  type JobState,
  type JobSummary,
} from "@/lib/job-view";
import { button, dangerButton } from "./button-styles";
import { noteCancelledHere } from "./job-change-signals";
import { SubmitButton } from "./submit-button";

const CANCELLABLE: JobState[] = ["waiting", "prioritized", "delayed", "active"];
const RETRYABLE: JobState[] = ["failed", "cancelled"];

export interface JobCommand {
  key: "run-now" | "retry" | "run-again" | "schedule" | "cancel" | "delete";
  label: string;
  /** A link (run again opens the prefilled form) or an action run in place. */
  href?: string;
  run?: () => void;
  danger?: boolean;
  /** What it does, where two commands sound alike (Retry and Run again). */
  hint?: string;
}

type ActionResult = { ok: true } | { ok: false; error: string; followUps?: string[] };

/** Why the last command failed, with the jobs it names as links (the follow-ups that keep a job). */
export interface CommandError {
  message: string;
  jobIds: string[];
}

function commandError(result: ActionResult): CommandError | undefined {
  return result.ok ? undefined : { message: result.error, jobIds: result.followUps ?? [] };
}

/** The commands valid for a job's state, shared by the job page's buttons and the job list's row menu. */
export function useJobCommands(job: Pick<JobSummary, "id" | "state">) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<CommandError>();

  const perform = (action: () => Promise<ActionResult>) =>
    startTransition(async () => {
      const result = await action();
      setError(commandError(result));
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
    });

  /** A deleted job leaves every list at once, and its own page is not asked for again (it would only 404). */
  const forgetJob = () => {
    queryClient.removeQueries({ queryKey: ["jobs", job.id], exact: true });
    queryClient.setQueriesData<JobList>({ queryKey: ["jobs", "list"] }, (list) =>
      list?.jobs.some((listed) => listed.id === job.id)
        ? { ...list, jobs: list.jobs.filter((listed) => listed.id !== job.id), total: list.total - 1 }
        : list,
    );
  };

  const commands: JobCommand[] = [];
  if (job.state === "delayed")
    commands.push({ key: "run-now", label: "Run now", run: () => perform(() => runNowAction(job.id)) });
  if (RETRYABLE.includes(job.state))
    commands.push({
      key: "retry",
      label: "Retry",
      hint: "Run this job again as it is: the same job, its earlier attempts kept above",
      run: () => perform(() => retryJobAction(job.id)),
    });
  if (isFinished(job.state))
    commands.push({
      key: "run-again",
      label: "Run again",
      hint: "A new job with this one's settings, in the form to change first",
      href: `/jobs/new?from=${job.id}`,
    });
  if (isFinished(job.state))
    commands.push({
      key: "schedule",
      label: "Schedule…",
      hint: "Run this job's settings on a cron expression or an interval, in the form to change first",
      href: `/jobs/new?from=${job.id}&run=schedule`,
    });
  if (CANCELLABLE.includes(job.state)) {
    const question =
      job.state === "active"
        ? "Cancel this job? Claude stops where it is; files it already changed stay changed."
        : "Cancel this job? It will not run.";
    commands.push({
      key: "cancel",
      label: "Cancel",
      danger: true,
      run: () => {
        if (!window.confirm(question)) return;
        noteCancelledHere(job.id);
        perform(() => cancelJobAction(job.id));
      },
    });
  }
  if (job.state !== "active") {
    commands.push({
      key: "delete",
      label: "Delete",
      danger: true,
      run: () => {
        const question = "Delete this job, its log and its files? This cannot be undone.";
        if (!window.confirm(question)) return;
        // On the job's own page there is nothing left to show: back to the list, without waiting for refetches.
        startTransition(async () => {
          const result = await deleteJobAction(job.id);
          setError(commandError(result));
          if (!result.ok) return;
          forgetJob();
          if (pathname === `/jobs/${job.id}`) router.push("/");
          void queryClient.invalidateQueries({ queryKey: ["jobs", "list"] });
        });
      },
    });
  }
  return { commands, pending, error };
}

/** The job page's buttons: the commands valid for its state, and what went wrong with the last one. */
export function JobActions({ job }: { job: JobSummary }) {
  const { commands, pending, error } = useJobCommands(job);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {error && <CommandErrorText error={error} className="text-sm" />}
      {commands.map((command) =>
        command.href ? (
          <Link key={command.key} href={command.href} title={command.hint} className={button}>
            {command.label}
          </Link>
        ) : (
          <button
            key={command.key}
            type="button"
            title={command.hint}
            disabled={pending}
            onClick={command.run}
            className={`${button} ${command.danger ? dangerButton : ""}`}
          >
            {command.label}
          </button>
        ),
      )}
    </span>
  );
}

/** A failed command's reason; the jobs it names link to their pages. */
export function CommandErrorText({ error, className }: { error: CommandError; className: string }) {
  return (
    <span role="alert" className={`${className} text-red-700 dark:text-red-300`}>
      {error.message}
      {error.jobIds.length > 0 && (
        <span className="block">
          {error.jobIds.length > 1 ? "They are" : "It is"}{" "}
          {error.jobIds.map((id, index) => (
            <span key={id}>
              {index > 0 && ", "}
              <Link href={`/jobs/${id}`} className="font-mono underline">
                {id}
              </Link>
            </span>
          ))}
        </span>
      )}
    </span>
  );
}

/** Continues a finished job's Claude session with a new prompt, as a new job. */
export function FollowUpForm({ job }: { job: JobDetail }) {
  const [state, action, pending] = useActionState(followUpAction.bind(null, job.id), {});
  if (!canFollowUp(job)) return null;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <label htmlFor="follow-up" className="block text-sm font-medium">
        Follow up
      </label>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
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
      <SubmitButton pending={pending} pendingLabel="Submitting…">
        Follow up
      </SubmitButton>
    </form>
  );
}
