import { formatRelativeTime } from "../format";
import { isFinished, type JobAttempt, type JobState } from "../job-view";
import type { JobHold } from "./job-hold";

/**
 * The line that says where an unfinished job stands when that is not plain: a run after earlier ones ("Attempt 2 of
 * 3, next try in 20 seconds"), a first run scheduled for later ("Runs in 3 hours"), or why the worker put it back
 * ("Today's budget … is spent: …; runs in 5 hours"). Null when the state says it.
 */
export function attemptStatus(
  attempt: JobAttempt,
  state: JobState,
  now: number,
  hold: JobHold | null = null,
): string | null {
  if (isFinished(state)) return null;
  const due = attempt.dueAt === null ? null : formatRelativeTime(Math.max(attempt.dueAt, now), now);
  if (hold && state === "delayed")
    return `${hold.message}; runs ${due ?? formatRelativeTime(hold.until, now)}`;
  if (attempt.number === 1) return due ? `Runs ${due}` : null;
  const which = `Attempt ${attempt.number}${attempt.of === null ? "" : ` of ${attempt.of}`}`;
  if (state === "active") return `${which}, running`;
  return due ? `${which}, next try ${due}` : `${which}, waiting`;
}
