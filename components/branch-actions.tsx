"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { commitJobAction, discardJobAction, keepJobAction, mergeJobAction } from "@/app/jobs/[id]/actions";
import type { BranchSummary } from "@/lib/git/change-schemas";
import { isFinished, type JobDetail } from "@/lib/job-view";
import { button, dangerButton } from "./button-styles";

type Answer = { ok: true } | { ok: false; error: string; conflicts?: string[] };

/** The first line of a job's result, and the rest, as a commit message to start from. */
function messageFrom(job: JobDetail): string {
  const text = (job.result?.text ?? "").trim();
  return text ? text.slice(0, 2000) : job.label;
}

/**
 * A git job's branch, what it holds (its commits, work not committed), and what to do with it once the job has
 * ended: commit, merge into its base, keep the branch without its checkout, download the patch, or throw it away.
 */
export function BranchActions({ job, branch }: { job: JobDetail; branch: BranchSummary }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [answer, setAnswer] = useState<{ what: string; answer: Answer }>();
  const [committing, setCommitting] = useState(false);
  const [message, setMessage] = useState(() => messageFrom(job));
  const ended = isFinished(job.state);

  const run = (what: string, action: () => Promise<Answer>) =>
    startTransition(async () => {
      const result = await action();
      setAnswer({ what, answer: result });
      if (result.ok) setCommitting(false);
      await queryClient.invalidateQueries({ queryKey: ["jobs", job.id, "changes"] });
    });

  return (
    <div
      data-testid="branch"
      className="space-y-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800"
    >
      <p className="[overflow-wrap:anywhere]">
        Branch <span className="font-mono font-medium">{branch.branch}</span> of{" "}
        <span className="font-mono">{branch.repository}</span>, from{" "}
        <span className="font-mono">{branch.base}</span>{" "}
        <span className="font-mono text-zinc-500 dark:text-zinc-400">({branch.baseCommit.slice(0, 7)})</span>
      </p>
      <p data-testid="branch-state" className="text-zinc-600 dark:text-zinc-400">
        {branch.commits.length === 0
          ? "No commits yet"
          : `${branch.commits.length} ${branch.commits.length === 1 ? "commit" : "commits"}`}
        {branch.uncommitted ? "; changes not committed" : ""}
        {branch.checkedOut ? "" : "; kept, its checkout removed"}
      </p>
      {branch.commits.length > 0 && (
        <ul className="space-y-0.5 font-mono text-xs">
          {branch.commits.map((commit) => (
            <li key={commit.commit} className="[overflow-wrap:anywhere]">
              <span className="text-zinc-500 dark:text-zinc-400">{commit.commit.slice(0, 7)}</span>{" "}
              {commit.subject}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        {ended && branch.uncommitted && (
          <button
            type="button"
            className={button}
            disabled={pending}
            onClick={() => setCommitting(!committing)}
          >
            Commit…
          </button>
        )}
        {ended && !branch.uncommitted && branch.commits.length > 0 && (
          <>
            <button
              type="button"
              className={button}
              disabled={pending}
              onClick={() => run("merge", () => mergeJobAction(job.id, "fast-forward"))}
            >
              Merge into {branch.base}
            </button>
            <button
              type="button"
              className={button}
              disabled={pending}
              onClick={() => run("merge", () => mergeJobAction(job.id, "merge-commit"))}
            >
              Merge with a merge commit
            </button>
          </>
        )}
        {ended && branch.checkedOut && (
          <button
            type="button"
            className={button}
            disabled={pending}
            onClick={() => run("keep", () => keepJobAction(job.id))}
          >
            Keep the branch, remove the checkout
          </button>
        )}
        <a className={button} href={`/api/jobs/${job.id}/patch`} download>
          Download the patch
        </a>
        {ended && (
          <button
            type="button"
            className={`${button} ${dangerButton}`}
            disabled={pending}
            onClick={() => {
              if (
                window.confirm(
                  `Throw this job's work away? Its checkout and the branch ${branch.branch} are removed; ${branch.repository} stays as it was.`,
                )
              )
                run("discard", () => discardJobAction(job.id));
            }}
          >
            Discard…
          </button>
        )}
      </div>
      {committing && (
        <form
          aria-label="Commit"
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            run("commit", () => commitJobAction(job.id, message));
          }}
        >
          <textarea
            aria-label="Commit message"
            rows={4}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" className={button} disabled={pending}>
            Commit to {branch.branch}
          </button>
        </form>
      )}
      {answer && <BranchAnswer what={answer.what} answer={answer.answer} base={branch.base} />}
    </div>
  );
}

function BranchAnswer({ what, answer, base }: { what: string; answer: Answer; base: string }) {
  if (answer.ok)
    return (
      <p role="status" className="text-green-700 dark:text-green-400">
        {what === "merge"
          ? `Merged into ${base}.`
          : what === "commit"
            ? "Committed."
            : what === "keep"
              ? "The branch is kept; its checkout is removed."
              : "Discarded."}
      </p>
    );
  return (
    <div role="alert" className="text-red-700 dark:text-red-300">
      <p className="[overflow-wrap:anywhere]">{answer.error}</p>
      {answer.conflicts && (
        <ul data-testid="merge-conflicts" className="mt-1 list-inside list-disc font-mono text-xs">
          {answer.conflicts.map((file) => (
            <li key={file}>{file}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
