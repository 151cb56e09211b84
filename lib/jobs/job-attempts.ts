import type { JobResult } from "../job-result";
import { isFinished, type JobAttempt, type JobState } from "../job-view";

interface AttemptsInput {
  state: JobState;
  /** Every result the job folder holds, earlier attempts' and the last one's, in any order. */
  results: readonly JobResult[];
  /** How many runs BullMQ makes on its own (the job's `attempts` option). */
  automaticAttempts: number;
  /** When a delayed job is due, from the queue; null when it is not delayed. */
  dueAt: number | null;
}

export interface JobAttempts {
  /** The result of the run the page is about: only a finished job's last result is its verdict. */
  current: JobResult | null;
  /** The runs before it, oldest first: history, shown folded. */
  earlier: JobResult[];
  attempt: JobAttempt;
}

/**
 * Which run a job is at and which results are history. A job that waits to run again has the last run's
 * result.json still in its folder: that is an earlier attempt's, not the verdict of the run to come.
 */
export function jobAttempts({ state, results, automaticAttempts, dueAt }: AttemptsInput): JobAttempts {
  const sorted = [...results].sort(
    (a, b) => (a.attempt ?? 0) - (b.attempt ?? 0) || a.finishedAt - b.finishedAt,
  );
  const finished = isFinished(state) && sorted.length > 0;
  const current = finished ? (sorted.at(-1) ?? null) : null;
  const earlier = finished ? sorted.slice(0, -1) : sorted;
  const number = earlier.length + 1;
  return {
    current,
    earlier,
    attempt: {
      number,
      // A person's Retry after the automatic ones ran out adds runs beyond that count: those have no "of".
      of: number <= automaticAttempts ? automaticAttempts : null,
      dueAt: state === "delayed" ? dueAt : null,
    },
  };
}

/**
 * Which run a listed job is at, from BullMQ's count of starts (a person's Retry counts too) instead of the results in
 * its folder: the list reads no folders. A job waiting to run is at the run after those it started; a running or finished one, at the last it started.
 */
export function startedAttempt(
  state: JobState,
  attemptsStarted: number,
  automaticAttempts: number,
  dueAt: number | null,
): JobAttempt {
  const started = state === "active" || isFinished(state);
  const number = started ? Math.max(1, attemptsStarted) : attemptsStarted + 1;
  return {
    number,
    of: number <= automaticAttempts ? automaticAttempts : null,
    dueAt: state === "delayed" ? dueAt : null,
  };
}
