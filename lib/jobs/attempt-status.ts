import { formatRelativeTime } from "../format";
import { isFinished, type JobAttempt, type JobState } from "../job-view";

/**
 * The line that says where an unfinished job stands when that is not plain: a run after earlier ones ("Attempt 2 of
 * 3, next try in 20 seconds"), or a first run scheduled for later ("Runs in 3 hours"). Null when the state says it.
 */
export function attemptStatus(attempt: JobAttempt, state: JobState, now: number): string | null {
  if (isFinished(state)) return null;
  const due = attempt.dueAt === null ? null : formatRelativeTime(Math.max(attempt.dueAt, now), now);
  if (attempt.number === 1) return due ? `Runs ${due}` : null;
  const which = `Attempt ${attempt.number}${attempt.of === null ? "" : ` of ${attempt.of}`}`;
  if (state === "active") return `${which}, running`;
  return due ? `${which}, next try ${due}` : `${which}, waiting`;
}
