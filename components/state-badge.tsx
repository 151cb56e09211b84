import type { JobState } from "@/lib/job-view";

const STYLES: Record<JobState, string> = {
  waiting: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  prioritized: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  delayed: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  active: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-300",
  completed: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  cancelled: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  unknown: "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400",
};

const NEEDS_YOU = "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200";

/**
 * `testId`: the page's own job is "job-state"; others on it (a thread's turns) say what they are. `needsYou`: a
 * running job waits for a person's answer, a state of its own to the reader.
 */
export function StateBadge({
  state,
  testId = "job-state",
  needsYou = false,
}: {
  state: JobState;
  testId?: string;
  needsYou?: boolean;
}) {
  return (
    <span
      data-testid={testId}
      data-state={state}
      data-needs-you={needsYou || undefined}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${needsYou ? NEEDS_YOU : STYLES[state]}`}
    >
      {state === "active" && <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden />}
      {needsYou ? "needs you" : state}
    </span>
  );
}
