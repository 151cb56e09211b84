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

/** `testId`: the page's own job is "job-state"; others on it (a thread's turns) say what they are. */
export function StateBadge({ state, testId = "job-state" }: { state: JobState; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-state={state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[state]}`}
    >
      {state === "active" && <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden />}
      {state}
    </span>
  );
}
