"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { bulkJobsAction } from "@/app/jobs/actions";
import type { JobListQuery } from "@/lib/job-view";
import type { BulkAction } from "@/lib/jobs/bulk-job-action";
import { button, dangerButton } from "./button-styles";
import { noteCancelledHere } from "./job-change-signals";
import type { JobSelection } from "./use-job-selection";

const VERBS = {
  cancel: ["Cancel", "cancelled"],
  retry: ["Retry", "retried"],
  delete: ["Delete", "deleted"],
} as const;

const QUESTIONS: Record<BulkAction["action"], string> = {
  cancel: "Running ones stop where they are; waiting ones will not run.",
  retry: "Each runs again as the same job.",
  delete: "Their logs and folders go too; running jobs are not deleted.",
};

const plural = (count: number) => `${count.toLocaleString("en")} job${count === 1 ? "" : "s"}`;

/** Over the list while jobs are chosen: one command for all of them, asked once, with what became of each. */
export function BulkActionsBar({
  selection,
  total,
  pageCount,
  query,
}: {
  selection: JobSelection;
  /** How many jobs the tab holds that match the search. */
  total: number;
  /** How many are on this page. */
  pageCount: number;
  /** What the list shows: its tab, search and filters. */
  query: Omit<JobListQuery, "page" | "failedSince">;
}) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [said, setSaid] = useState<{ text: string; failed: boolean }>();
  const count = selection.allMatching ? total : selection.ids.size;

  const run = (action: BulkAction["action"], scope: "selection" | "failed") => {
    const howMany = scope === "failed" ? total : count;
    const what =
      scope === "failed"
        ? `all ${plural(howMany)} that failed (cancelled jobs are not among them)`
        : plural(howMany);
    if (!window.confirm(`${VERBS[action][0]} ${what}? ${QUESTIONS[action]}`)) return;
    const ids = [...selection.ids];
    if (action === "cancel" && !selection.allMatching) for (const id of ids) noteCancelledHere(id);
    startTransition(async () => {
      const result = await bulkJobsAction(
        scope === "failed"
          ? { action, query: { ...query, tab: "failed" } }
          : selection.allMatching
            ? { action, query }
            : { action, ids },
      );
      if (!result.ok) setSaid({ text: result.error, failed: true });
      else {
        if (action === "cancel") for (const id of result.done) noteCancelledHere(id);
        const refused = result.refused.length;
        setSaid({
          text: `${plural(result.done.length)} ${VERBS[action][1]}.${refused > 0 ? ` ${plural(refused)} could not be: ${result.refused[0]?.error}${refused > 1 ? " (and others)" : ""}` : ""}`,
          failed: refused > 0,
        });
        selection.clear();
      }
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
    });
  };

  return (
    <div className="mb-3 space-y-2">
      {count > 0 && (
        <div
          role="toolbar"
          aria-label="Chosen jobs"
          className="flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm dark:bg-indigo-950"
        >
          <span data-testid="selected-count" className="font-medium">
            {plural(count)} chosen
          </span>
          {!selection.allMatching && count === pageCount && total > pageCount && (
            <button type="button" className="underline" onClick={selection.selectAllMatching}>
              Choose all {plural(total)} of this tab
            </button>
          )}
          <span className="ml-auto flex flex-wrap gap-2">
            {(["cancel", "retry"] as const).map((action) => (
              <button
                key={action}
                type="button"
                className={button}
                disabled={pending}
                onClick={() => run(action, "selection")}
              >
                {VERBS[action][0]}
              </button>
            ))}
            <button
              type="button"
              className={`${button} ${dangerButton}`}
              disabled={pending}
              onClick={() => run("delete", "selection")}
            >
              Delete
            </button>
            <button type="button" className={button} disabled={pending} onClick={selection.clear}>
              Clear
            </button>
          </span>
        </div>
      )}
      {query.tab === "failed" && total > 0 && count === 0 && (
        <button type="button" className={button} disabled={pending} onClick={() => run("retry", "failed")}>
          Retry all {plural(total)} that failed
        </button>
      )}
      {said && (
        <p
          role="status"
          data-testid="bulk-result"
          className={`text-sm ${said.failed ? "text-amber-800 dark:text-amber-200" : "text-zinc-700 dark:text-zinc-300"}`}
        >
          {said.text}
        </p>
      )}
    </div>
  );
}
