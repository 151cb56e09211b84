"use client";

import { useActionState } from "react";
import { allowAndRunAgainAction } from "@/app/jobs/[id]/actions";
import { SubmitButton } from "./submit-button";

/** Under a completed job's refusals: runs it again as a new job, with exactly those calls' rules allowed. */
export function AllowAndRunAgain({ jobId, rules }: { jobId: string; rules: string[] }) {
  const [state, action, pending] = useActionState(allowAndRunAgainAction.bind(null, jobId), {});
  if (rules.length === 0) return null;
  return (
    <form action={action} className="mt-3 space-y-2">
      <SubmitButton pending={pending} pendingLabel="Submitting…">
        Allow and run again
      </SubmitButton>
      <p data-testid="rules-to-allow" className="text-xs">
        A new job with the same settings, and{" "}
        {rules.map((rule, index) => (
          <span key={rule}>
            {index > 0 && ", "}
            <code className="font-mono [overflow-wrap:anywhere]">{rule}</code>
          </span>
        ))}{" "}
        added to its allowed tools.
      </p>
      {state.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {state.error}
        </p>
      )}
    </form>
  );
}
