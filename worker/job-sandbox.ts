import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Config } from "@/lib/config";
import { findOnPath } from "@/lib/find-on-path";
import type { JobIsolation } from "@/lib/workers/job-isolation";

const run = promisify(execFile);

const APP_ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const DEFAULT_API_HOST = "api.anthropic.com";
const HOW_TO_SANDBOX =
  "Install bubblewrap and socat (Debian/Ubuntu: apt-get install bubblewrap socat), then restart the worker.";

/** Said by a worker that was told JOB_ISOLATION=sandbox and cannot give it. */
export class SandboxUnavailableError extends Error {}

/** The host of the API the CLI talks to: a sandboxed job's Bash tool may reach it, and nothing else unless allowed. */
export function apiHostOf(baseUrl: string | undefined): string {
  if (!baseUrl) return DEFAULT_API_HOST;
  try {
    return new URL(baseUrl).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return DEFAULT_API_HOST;
  }
}

/**
 * The strongest isolation this host gives a job, as JOB_ISOLATION asks: tried for real (a namespace inside a
 * namespace, as a sandboxed job's Bash tool makes one), never assumed from the binaries being there.
 */
export async function detectJobIsolation(
  config: Pick<Config, "jobIsolation" | "jobNetworkDomains">,
  apiBaseUrl: string | undefined,
  pathVariable = process.env.PATH ?? "",
): Promise<JobIsolation> {
  const unisolated = (why: string): JobIsolation => {
    if (config.jobIsolation === "sandbox")
      throw new SandboxUnavailableError(`JOB_ISOLATION=sandbox, but ${why} ${HOW_TO_SANDBOX}`);
    return {
      level: "none",
      detail: `Jobs are not isolated: they can read whatever the worker's user can, the dashboard's data and other jobs' folders included, and reach its Redis. ${why}`,
      networkDomains: [],
    };
  };
  if (config.jobIsolation === "none") return unisolated("JOB_ISOLATION=none says so.");
  if (process.platform !== "linux")
    return unisolated(`Job sandboxes need Linux; this is ${process.platform}.`);
  const bwrap = findOnPath("bwrap", pathVariable);
  const missing = [
    bwrap ? undefined : "bubblewrap (bwrap)",
    findOnPath("socat", pathVariable) ? undefined : "socat",
  ]
    .filter(Boolean)
    .join(" and ");
  if (!bwrap || missing)
    return unisolated(
      `${missing} ${missing.includes(" and ") ? "are" : "is"} not installed. ${HOW_TO_SANDBOX}`,
    );
  const env = findOnPath("env", pathVariable);
  try {
    await run(env ?? "env", ["--ignore-signal=TERM", "true"]);
  } catch {
    return unisolated(
      "This host's env cannot start a program with a signal ignored (GNU coreutils 8.31 or later can), which the sandbox needs to let a stopped CLI shut down in its own time.",
    );
  }
  try {
    await run(bwrap, [
      ...outerMounts(),
      "--",
      bwrap,
      ...["--ro-bind", "/", "/", "--dev", "/dev", "--unshare-all", "--proc", "/proc", "--", "true"],
    ]);
  } catch (error) {
    const said = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    return unisolated(
      `bubblewrap cannot make a sandbox here (${said}): the host or container forbids namespaces.`,
    );
  }
  const apiHost = apiHostOf(apiBaseUrl);
  // A loopback API (the demo's stand-in) shares its address with Redis and the dashboard: not for a job's commands.
  const networkDomains = [
    ...new Set([...(isLoopback(apiHost) ? [] : [apiHost]), ...config.jobNetworkDomains]),
  ];
  return {
    level: "sandbox",
    detail: `Each job sees only its own folder of the data directory and can write only there (and in directories chosen for it); the rest of the machine is read-only to it, and its Bash commands see no other process and ${networkDomains.length ? `reach only ${networkDomains.join(", ")}` : "reach no network"}.`,
    networkDomains,
  };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

/**
 * The whole machine read-only, with the devices and processes the CLI's own sandbox needs to make its own, and a
 * temporary directory of the run's own (where that sandbox keeps its proxy's sockets): no job sees another's.
 */
function outerMounts(): string[] {
  return [
    ...["--ro-bind", "/", "/", "--dev-bind", "/dev", "/dev", "--bind", "/proc", "/proc", "--tmpfs", tmpdir()],
    // A checkout in the temporary directory keeps its bundled CLI, and its tests their stand-in for it.
    ...["--ro-bind", APP_ROOT, APP_ROOT],
  ];
}

/** What of the operator's CLI configuration a sandboxed job still reads: their settings, and their login. */
const OPERATOR_SETTINGS = ["settings.json", "CLAUDE.md", "agents", "commands", "skills", "output-styles"];
const OPERATOR_LOGIN = ".credentials.json";

export interface SandboxPlacement {
  /** The CLI, which may live under the temporary directory the sandbox replaces (a checkout in /tmp). */
  cliBin: string;
  dataDir: string;
  /** Where the CLI runs; writable. */
  cwd: string;
  /** The job's other directories (--add-dir); writable. */
  extraDirectories: string[];
  /**
   * Directories the job reads but never writes, shown even where the sandbox hides what holds them (the temporary
   * directory): a git job's repository, whose objects its checkout reads.
   */
  readOnlyDirectories?: string[];
  /**
   * The CLI's configuration directory for this run (CLAUDE_CONFIG_DIR), kept with the workspace: its sessions,
   * which a follow-up resumes, and no other job's.
   */
  sessionHome: string;
  /** The operator's own configuration directory, whose settings and login the job uses, read-only but for the login. */
  operatorConfigDir: string;
}

/**
 * bubblewrap's argv before the CLI's: DATA_DIR empty but for this job's directories, everything else read-only.
 * No PID namespace: the worker finds and stops a run's processes by the markers in their environment, as unsandboxed.
 */
export function sandboxArgs(placement: SandboxPlacement): string[] {
  // The CLI after DATA_DIR's emptying: a CLAUDE_BIN may live anywhere, even there.
  const args = [
    ...outerMounts(),
    "--tmpfs",
    placement.dataDir,
    "--ro-bind",
    placement.cliBin,
    placement.cliBin,
  ];
  // Read-only first: the writable directories inside them are bound over them.
  for (const dir of placement.readOnlyDirectories ?? []) args.push("--ro-bind", dir, dir);
  for (const dir of [placement.cwd, ...placement.extraDirectories, placement.sessionHome])
    args.push("--bind", dir, dir);
  for (const name of OPERATOR_SETTINGS) {
    const source = path.join(placement.operatorConfigDir, name);
    if (existsSync(source)) args.push("--ro-bind", source, path.join(placement.sessionHome, name));
  }
  const login = path.join(placement.operatorConfigDir, OPERATOR_LOGIN);
  // Writable: the CLI refreshes an expiring login in place.
  if (existsSync(login)) args.push("--bind", login, path.join(placement.sessionHome, OPERATOR_LOGIN));
  return [...args, "--chdir", placement.cwd, "--"];
}

export interface SandboxTools {
  bwrap: string;
  env: string;
}

/** Where the sandbox's programs are, once it is known to work. */
export function findSandboxTools(pathVariable = process.env.PATH ?? ""): SandboxTools | undefined {
  const bwrap = findOnPath("bwrap", pathVariable);
  const env = findOnPath("env", pathVariable);
  return bwrap && env ? { bwrap, env } : undefined;
}

/**
 * The command that runs the CLI sandboxed. bubblewrap stays the CLI's parent and must outlive it: it ignores the
 * SIGTERM the worker sends the run's process group, so the CLI, which gets it with its default back, shuts down in
 * its own time and is reaped by bubblewrap, never orphaned. SIGKILL, after the grace, still ends both.
 */
export function sandboxCommand(
  tools: SandboxTools,
  placement: SandboxPlacement,
  cliArgs: string[],
): { bin: string; args: string[] } {
  return {
    bin: tools.env,
    args: [
      "--ignore-signal=TERM,INT",
      tools.bwrap,
      ...sandboxArgs(placement),
      tools.env,
      "--default-signal=TERM,INT",
      placement.cliBin,
      ...cliArgs,
    ],
  };
}

/** The CLI's own sandbox for its Bash tool, as flag settings, which no settings file of the directory overrides. */
export function sandboxSettings(writable: string[], networkDomains: string[]): string {
  return JSON.stringify({
    sandbox: {
      enabled: true,
      // Never silently unsandboxed: a command that cannot be sandboxed fails and says so.
      failIfUnavailable: true,
      allowUnsandboxedCommands: false,
      // The permission mode still decides whether Bash runs at all.
      autoAllowBashIfSandboxed: false,
      filesystem: { allowWrite: writable },
      network: { allowedDomains: networkDomains },
    },
  });
}

/** Where the operator's CLI keeps its configuration: CLAUDE_CONFIG_DIR, or ~/.claude. */
export function operatorConfigDirOf(env: Record<string, string | undefined>): string {
  return env.CLAUDE_CONFIG_DIR ?? path.join(env.HOME ?? "/root", ".claude");
}
