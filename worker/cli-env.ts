import { type Markers, markerEnvironment } from "./process-markers";

// IS_SANDBOX: the operator's word that the worker runs sandboxed, without which the CLI refuses bypassPermissions
// as root.
const PASSED_THROUGH = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "TERM",
  "TZ",
  "LANG",
  "TMPDIR",
  "IS_SANDBOX",
];
const PASSED_THROUGH_PREFIXES = ["LC_", "ANTHROPIC_", "CLAUDE_"];

/** Switches off the CLI's telemetry, error reports and update checks: a background job should only talk to the API. */
const QUIET_CLI = {
  DISABLE_TELEMETRY: "1",
  DISABLE_ERROR_REPORTING: "1",
  DISABLE_AUTOUPDATER: "1",
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
};

export interface CliEnvOptions {
  /** The run's markers; none for a probe such as `--version`. */
  markers?: Markers;
  /** CLAUDE_CODE_MAX_RETRIES, unless the worker's own environment sets it. */
  maxRetries?: number;
}

/**
 * The CLI's environment: an allowlist of the worker's own, so the dashboard's secrets (Redis credentials,
 * passwords) never reach a job, plus the run's markers.
 */
export function buildCliEnv(
  parent: Record<string, string | undefined>,
  { markers, maxRetries }: CliEnvOptions = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (PASSED_THROUGH.includes(name) || PASSED_THROUGH_PREFIXES.some((prefix) => name.startsWith(prefix))) {
      env[name] = value;
    }
  }
  const retries: Record<string, string> =
    maxRetries === undefined ? {} : { CLAUDE_CODE_MAX_RETRIES: String(maxRetries) };
  return { ...QUIET_CLI, ...retries, ...env, ...(markers ? markerEnvironment(markers) : {}) };
}
