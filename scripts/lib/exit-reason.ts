export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Lines that say what went wrong, in the output of a Node process or redis-server that ended. */
const ERROR_LINE = /error|exception|fatal|cannot|can't|failed|denied|refused|ENOSPC|EACCES|EADDRINUSE/i;

/**
 * Why a child ended, in words a person reads in the banner and in a crashed job's diagnosis: the signal that killed
 * it, or its exit code with the last error it printed.
 */
export function describeExit(exit: ChildExit, lastLines: readonly string[]): string {
  if (exit.signal === "SIGKILL") return "killed by SIGKILL, by hand or by the out-of-memory killer";
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code === null) return "it could not be started";
  const error = lastLines.findLast((line) => ERROR_LINE.test(line));
  const said = error ? `: ${error.trim().slice(0, 300)}` : "";
  return `exit code ${exit.code}${said}`;
}
