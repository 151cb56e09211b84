"use client";

import { useState, useTransition } from "react";
import { interruptJobAction, messageJobAction } from "@/app/jobs/[id]/actions";
import type { JobDetail } from "@/lib/job-view";
import { button } from "./button-styles";

/**
 * A running job that asks before tools run keeps its CLI listening: a message from here is its next turn (or joins
 * the current one), and Interrupt stops the current turn, after which the job waits for a message.
 */
export function JobMessageForm({ job }: { job: JobDetail }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  if (job.state !== "active" || job.spec.toolApprovals !== "ask") return null;
  const run = (action: () => Promise<{ ok: true } | { ok: false; error: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? undefined : result.error);
      if (result.ok) after?.();
    });
  return (
    <form
      aria-label="Message the job"
      className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () => messageJobAction(job.id, text),
          () => setText(""),
        );
      }}
    >
      <label htmlFor="job-message" className="block text-sm font-medium">
        Message Claude while it works
      </label>
      <textarea
        id="job-message"
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Use the staging database instead"
        className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={button} disabled={pending || text.trim() === ""}>
          Send
        </button>
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={() => run(() => interruptJobAction(job.id))}
        >
          Interrupt this turn
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
