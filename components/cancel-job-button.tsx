"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { cancelJobAction } from "@/app/jobs/[id]/actions";
import type { JobState } from "@/lib/job-view";

const CANCELLABLE: JobState[] = ["waiting", "prioritized", "delayed", "active"];

/** Cancel, for a job that has not finished; asks first, since a running job's work stops where it is. */
export function CancelJobButton({ jobId, state }: { jobId: string; state: JobState }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  if (!CANCELLABLE.includes(state)) return null;

  const cancel = () => {
    const question =
      state === "active"
        ? "Cancel this job? Claude stops where it is; files it already changed stay changed."
        : "Cancel this job? It will not run.";
    if (!window.confirm(question)) return;
    startTransition(async () => {
      const result = await cancelJobAction(jobId);
      setError(result.ok ? undefined : result.error);
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
    });
  };

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={cancel}
        disabled={pending}
        className="rounded-md border border-red-300 px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
      >
        {pending ? "Cancelling…" : "Cancel"}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}
