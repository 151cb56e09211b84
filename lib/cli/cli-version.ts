/**
 * The Claude CLI versions the worker supports fully. An older CLI still runs jobs, but with the defects listed
 * here, fixed in the version named: the dashboard says which apply and what to do.
 */
export const MIN_CLI_VERSION = "2.1.221";

const FIXED_IN: readonly [version: string, defect: string][] = [
  ["2.1.205", "its init event reports no capabilities"],
  ["2.1.208", "a large piped output can lose its last stream-json lines, the result among them"],
  ["2.1.212", "a SIGTERM leaves the Bash tool's processes running"],
  ["2.1.214", "a slow reader can lose the end of its output"],
  ["2.1.221", "--mcp-config servers may not be connected before the first turn"],
];

/** The numbers of a version such as "2.1.332" or "2.1.332-beta"; undefined when it is not one. */
function parts(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Negative when a is older than b, 0 when they are the same release, positive when a is newer. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  if (!x || !y) return 0;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** What this CLI version gets wrong for a job runner, oldest defect first; empty when it is supported. */
export function cliVersionDefects(version: string): string[] {
  if (!parts(version)) return [];
  return FIXED_IN.filter(([fixedIn]) => compareVersions(version, fixedIn) < 0).map(([, defect]) => defect);
}
