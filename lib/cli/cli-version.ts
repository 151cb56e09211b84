import type { CliInitReport } from "./cli-init-report";

/**
 * The Claude CLI versions the worker supports fully. An older CLI still runs jobs, but with the defects listed
 * here, fixed in the version named: the dashboard says which apply and what to do.
 */
export const MIN_CLI_VERSION = "2.1.221";

interface Defect {
  fixedIn: string;
  text: string;
  /** What an init event shows of it: true when it happened, false when it cannot have; undefined when it shows nothing. */
  seenIn?: (report: CliInitReport) => boolean | undefined;
}

const DEFECTS: readonly Defect[] = [
  {
    fixedIn: "2.1.205",
    text: "its init event reports no capabilities",
    seenIn: (report) => report.capabilities === null,
  },
  {
    fixedIn: "2.1.208",
    text: "a large piped output can lose its last stream-json lines, the result among them",
  },
  { fixedIn: "2.1.212", text: "a SIGTERM leaves the Bash tool's processes running" },
  { fixedIn: "2.1.214", text: "a slow reader can lose the end of its output" },
  {
    fixedIn: "2.1.221",
    text: "--mcp-config servers may not be connected before the first turn",
    seenIn: (report) => (report.pendingMcpServers.length > 0 ? true : undefined),
  },
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

/** The version a worker runs: its CLI's own word in the latest init event, else what `--version` said at start. */
export function effectiveCliVersion(cli: {
  version: string | null;
  reported?: CliInitReport | null;
}): string | null {
  return cli.reported?.version ?? cli.version;
}

/**
 * What this CLI gets wrong for a job runner, oldest defect first; empty when it is supported. Where its init event
 * shows a defect (or shows it cannot have it), that wins over the version's number.
 */
export function cliDefects(cli: { version: string | null; reported?: CliInitReport | null }): string[] {
  const version = effectiveCliVersion(cli);
  return DEFECTS.filter((defect) => {
    const seen = cli.reported ? defect.seenIn?.(cli.reported) : undefined;
    if (seen !== undefined) return seen;
    return version !== null && parts(version) !== undefined && compareVersions(version, defect.fixedIn) < 0;
  }).map((defect) => defect.text);
}
