const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** A child that ran this long before it ended was working: its next restart waits as little as the first. */
export const STEADY_RUN_MS = 60_000;

/** The wait before restart number `attempt` (counting from 1): 1 s, doubling each time, at most 30 s. */
export function restartDelayMs(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
}

/** Which restart this is, after one that ended having run for `ranForMs`. */
export function nextRestartAttempt(previousAttempt: number, ranForMs: number): number {
  return ranForMs >= STEADY_RUN_MS ? 1 : previousAttempt + 1;
}
