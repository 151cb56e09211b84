import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { decimalNumber } from "./decimal-number";
import { type WebhookEvent, webhookEvents } from "./webhooks/webhook-events";

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  decimalNumber(
    z
      .number({ error: `${name} must be a whole number from ${min} to ${max}` })
      .int({ error: `${name} must be a whole number from ${min} to ${max}` })
      .min(min, { error: `${name} must be a whole number from ${min} to ${max}` })
      .max(max, { error: `${name} must be a whole number from ${min} to ${max}` })
      .default(fallback),
  );

const absolutePaths = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(path.delimiter).filter(Boolean))
    .refine((roots) => roots.every((root) => path.isAbsolute(root)), {
      error: `${name} must be absolute paths separated by "${path.delimiter}", like /home/me/code${path.delimiter}/srv/repos`,
    });

/** The environment variables the dashboard, the worker and the launcher read, and what they become. */
export const configSchema = z
  .object({
    PORT: wholeNumber("PORT", 1, 65535, 3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, {
        error: "REDIS_URL must look like redis://host:port or rediss://user:pass@host:port",
      })
      .optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    WORKER_CONCURRENCY: wholeNumber("WORKER_CONCURRENCY", 1, 64, 2),
    CLAUDE_BIN: z.string().min(1).optional(),
    JOB_TIMEOUT_SECONDS: wholeNumber("JOB_TIMEOUT_SECONDS", 10, 7 * 24 * 3600, 3600),
    MAX_JOB_TIMEOUT_SECONDS: wholeNumber("MAX_JOB_TIMEOUT_SECONDS", 10, 7 * 24 * 3600, 6 * 3600),
    IDLE_TIMEOUT_SECONDS: wholeNumber("IDLE_TIMEOUT_SECONDS", 10, 7 * 24 * 3600, 900),
    MAX_IDLE_TIMEOUT_SECONDS: wholeNumber("MAX_IDLE_TIMEOUT_SECONDS", 10, 7 * 24 * 3600, 6 * 3600),
    KILL_GRACE_SECONDS: wholeNumber("KILL_GRACE_SECONDS", 1, 300, 5),
    APPROVAL_TIMEOUT_SECONDS: wholeNumber("APPROVAL_TIMEOUT_SECONDS", 10, 7 * 24 * 3600, 900),
    TOOL_APPROVALS_IN_DIRECTORIES: z
      .enum(["ask", "mode"], {
        error:
          "TOOL_APPROVALS_IN_DIRECTORIES must be ask (a job in a chosen directory asks before tools run, unless it says otherwise) or mode (its permission mode decides)",
      })
      .default("ask"),
    CLI_MAX_RETRIES: wholeNumber("CLI_MAX_RETRIES", 0, 20, 2),
    RETRY_BACKOFF_SECONDS: wholeNumber("RETRY_BACKOFF_SECONDS", 1, 3600, 10),
    LOCK_SECONDS: wholeNumber("LOCK_SECONDS", 2, 600, 30),
    SSE_MAX_SECONDS: wholeNumber("SSE_MAX_SECONDS", 1, 3600, 300),
    LOG_READERS_MAX: wholeNumber("LOG_READERS_MAX", 1, 1_000_000, 5000),
    LOG_READERS_PER_CLIENT: wholeNumber("LOG_READERS_PER_CLIENT", 1, 1_000_000, 100),
    LOG_RETENTION_SECONDS: wholeNumber("LOG_RETENTION_SECONDS", 0, 365 * 24 * 3600, 3600),
    DATA_DIR_MIN_FREE_MB: wholeNumber("DATA_DIR_MIN_FREE_MB", 0, 1024 * 1024, 256),
    DATA_DIR_RESERVE_MB: wholeNumber("DATA_DIR_RESERVE_MB", 0, 1024, 32),
    ALLOWED_ROOTS: absolutePaths("ALLOWED_ROOTS"),
    TRUSTED_ROOTS: absolutePaths("TRUSTED_ROOTS"),
    ALLOW_BYPASS_PERMISSIONS: z
      .enum(["0", "1"], { error: "ALLOW_BYPASS_PERMISSIONS must be 0 or 1" })
      .default("0"),
    JOB_ISOLATION: z
      .enum(["auto", "sandbox", "none"], {
        error:
          "JOB_ISOLATION must be auto (the strongest this host allows), sandbox (refuse to start without it) or none",
      })
      .default("auto"),
    JOB_NETWORK_DOMAINS: z
      .string()
      .transform((value) => commaList(value.toLowerCase()))
      .refine((names) => names.every((name) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(name)), {
        error:
          "JOB_NETWORK_DOMAINS must be comma-separated domain names, like registry.npmjs.org,*.github.com",
      })
      .optional(),
    SHUTDOWN_GRACE_SECONDS: wholeNumber("SHUTDOWN_GRACE_SECONDS", 0, 3600, 10),
    PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
        error: "PUBLIC_URL must be the dashboard's address as people reach it, like https://ccw.example.com",
      })
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
    WEBHOOK_URLS: z
      .string()
      .transform(commaList)
      .refine((urls) => urls.length <= 10 && urls.every(isHttpUrl), {
        error:
          "WEBHOOK_URLS must be up to 10 comma-separated http(s) URLs, like https://example.com/hooks/ccw",
      })
      .optional(),
    WEBHOOK_SECRET: z
      .string()
      .min(16, { error: "WEBHOOK_SECRET must be at least 16 characters (openssl rand -hex 32 makes one)" })
      .max(256, { error: "WEBHOOK_SECRET must be at most 256 characters" })
      .optional(),
    WEBHOOK_EVENTS: z
      .string()
      .transform(commaList)
      .refine((events) => events.every((event) => (webhookEvents as readonly string[]).includes(event)), {
        error: `WEBHOOK_EVENTS must be comma-separated events of: ${webhookEvents.join(", ")}`,
      })
      .optional(),
    DAILY_BUDGET_USD: decimalNumber(
      z
        .number({ error: "DAILY_BUDGET_USD must be a number of US dollars, like 25 or 7.50" })
        .positive({ error: "DAILY_BUDGET_USD must be more than 0 (leave it unset for no budget)" })
        .optional(),
    ),
    USAGE_TIME_ZONE: z
      .string()
      .refine(isTimeZone, {
        error: "USAGE_TIME_ZONE must be a time zone name like Europe/Berlin, America/New_York or UTC",
      })
      .optional(),
    USAGE_LIMIT_WAIT: z
      .enum(["0", "1"], {
        error:
          "USAGE_LIMIT_WAIT must be 1 (a job the usage limit stops waits for its reset) or 0 (it fails, to be retried)",
      })
      .default("1"),
    WEBHOOK_ATTEMPTS: wholeNumber("WEBHOOK_ATTEMPTS", 1, 20, 8),
    WEBHOOK_BACKOFF_SECONDS: wholeNumber("WEBHOOK_BACKOFF_SECONDS", 1, 3600, 10),
    CCW_DEMO: z.enum(["0", "1"], { error: "CCW_DEMO must be 0 or 1" }).default("0"),
    DASHBOARD_PASSWORD: z
      .string()
      .min(12, { error: "DASHBOARD_PASSWORD must be at least 12 characters" })
      .max(1024, { error: "DASHBOARD_PASSWORD must be at most 1024 characters" })
      .optional(),
    API_TOKENS: z
      .string()
      .transform(commaList)
      .refine((tokens) => tokens.every((token) => /^[A-Za-z0-9_-]{32,256}$/.test(token)), {
        error:
          "API_TOKENS must be comma-separated tokens of 32 to 256 letters, digits, _ or - (openssl rand -hex 32 makes one)",
      })
      .optional(),
    SESSION_HOURS: wholeNumber("SESSION_HOURS", 1, 24 * 30, 12),
    METRICS_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_-]{32,256}$/, {
        error: "METRICS_TOKEN must be 32 to 256 letters, digits, _ or - (openssl rand -hex 32 makes one)",
      })
      .optional(),
    ALLOWED_HOSTS: z
      .string()
      .transform((value) => commaList(value.toLowerCase()))
      .refine((names) => names.every((name) => /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(name)), {
        error: "ALLOWED_HOSTS must be comma-separated host names, like dashboard.example.com,10.0.0.5",
      })
      .optional(),
  })
  .refine((c) => LOOPBACK_HOSTS.has(c.HOST) || c.DASHBOARD_PASSWORD || c.API_TOKENS?.length, {
    path: ["HOST"],
    error:
      "a HOST other than 127.0.0.1 lets other machines reach a dashboard that runs code on this one: set DASHBOARD_PASSWORD (12+ characters) to require a login, or use HOST=127.0.0.1 and an SSH tunnel",
  })
  .refine((c) => !c.WEBHOOK_URLS?.length || c.WEBHOOK_SECRET, {
    path: ["WEBHOOK_SECRET"],
    error:
      "WEBHOOK_URLS is set without WEBHOOK_SECRET: every delivery is signed with it, so a receiver can tell it is ours (openssl rand -hex 32 makes one)",
  })
  .refine((c) => c.JOB_TIMEOUT_SECONDS <= c.MAX_JOB_TIMEOUT_SECONDS, {
    path: ["JOB_TIMEOUT_SECONDS"],
    error: "JOB_TIMEOUT_SECONDS is above MAX_JOB_TIMEOUT_SECONDS: lower the first or raise the second",
  })
  .refine((c) => c.IDLE_TIMEOUT_SECONDS <= c.MAX_IDLE_TIMEOUT_SECONDS, {
    path: ["IDLE_TIMEOUT_SECONDS"],
    error: "IDLE_TIMEOUT_SECONDS is above MAX_IDLE_TIMEOUT_SECONDS: lower the first or raise the second",
  })
  .transform((c) => ({
    port: c.PORT,
    host: c.HOST,
    /** Undefined means "not configured": the launcher then runs its own redis-server. */
    redisUrl: c.REDIS_URL,
    dataDir: path.resolve(c.DATA_DIR),
    workerConcurrency: c.WORKER_CONCURRENCY,
    /** Undefined means "find one": `claude` on PATH, else the bundled CLI. */
    claudeBin: c.CLAUDE_BIN,
    defaultJobTimeoutSeconds: c.JOB_TIMEOUT_SECONDS,
    maxJobTimeoutSeconds: c.MAX_JOB_TIMEOUT_SECONDS,
    defaultIdleTimeoutSeconds: c.IDLE_TIMEOUT_SECONDS,
    maxIdleTimeoutSeconds: c.MAX_IDLE_TIMEOUT_SECONDS,
    killGraceSeconds: c.KILL_GRACE_SECONDS,
    approvalTimeoutSeconds: c.APPROVAL_TIMEOUT_SECONDS,
    /** A job in a directory of the user's own asks before tools run unless it says otherwise: real files are at stake. */
    toolApprovalsInDirectories: c.TOOL_APPROVALS_IN_DIRECTORIES,
    /**
     * How often the CLI itself retries a failed API call (CLAUDE_CODE_MAX_RETRIES, whose own default of 10 makes a
     * bad key fail after minutes). The worker retries what passes by itself anyway, with backoff, as new attempts.
     */
    cliMaxRetries: c.CLI_MAX_RETRIES,
    /** The first automatic retry's delay; each next one waits twice as long. */
    retryBackoffSeconds: c.RETRY_BACKOFF_SECONDS,
    /**
     * How long a worker's hold on a job lasts without renewal (renewed at half). A worker that died is noticed
     * within about twice this, and its job handed to another worker.
     */
    lockSeconds: c.LOCK_SECONDS,
    /** A job's log stream ends after this long and the browser reconnects from its cursor, as after any drop. */
    sseMaxSeconds: c.SSE_MAX_SECONDS,
    /** Live job-log streams one web process serves at once, in all and to one client (a session, a token). */
    logReadersMax: c.LOG_READERS_MAX,
    logReadersPerClient: c.LOG_READERS_PER_CLIENT,
    /**
     * How long a finished job's log stays in Redis; then its stream is moved to an index of events.jsonl in the job's
     * folder, and the log view reads it from there with the same cursors. 0 moves it as soon as the job finishes.
     */
    logRetentionSeconds: c.LOG_RETENTION_SECONDS,
    /** Below this much free space in DATA_DIR a worker takes no job: a job that filled the disk would fail. */
    dataDirMinFreeBytes: c.DATA_DIR_MIN_FREE_MB * 1024 * 1024,
    /**
     * Space each worker holds in DATA_DIR and lets go when a job fills the disk, so the other running jobs can
     * still write their last lines and results.
     */
    dataDirReserveBytes: c.DATA_DIR_RESERVE_MB * 1024 * 1024,
    /** Directories under which a job may work; empty: scratch workspaces only. */
    allowedRoots: c.ALLOWED_ROOTS.map((root) => path.resolve(root)),
    /**
     * Directories whose own Claude settings a job may load: their hooks, settings' env, apiKeyHelper and .mcp.json
     * servers, which the CLI runs without asking. Elsewhere a job loads only the operator's user settings.
     */
    trustedRoots: c.TRUSTED_ROOTS.map((root) => path.resolve(root)),
    allowBypassPermissions: c.ALLOW_BYPASS_PERMISSIONS === "1",
    /** auto: sandbox each job where bubblewrap and socat work here, else run it unisolated and say so. */
    jobIsolation: c.JOB_ISOLATION,
    /** Besides the API's host, what a sandboxed job's Bash tool may reach (npm's registry, say). */
    jobNetworkDomains: c.JOB_NETWORK_DOMAINS ?? [],
    shutdownGraceSeconds: c.SHUTDOWN_GRACE_SECONDS,
    /** Set by `npm run demo`: a local stand-in for the Anthropic API answers the CLI. */
    demo: c.CCW_DEMO === "1",
    auth: {
      /** Kept as digests only, so the configuration holds no secret a log or a page could show. */
      passwordDigest: c.DASHBOARD_PASSWORD === undefined ? undefined : digest(c.DASHBOARD_PASSWORD),
      tokenDigests: (c.API_TOKENS ?? []).map(digest),
      sessionHours: c.SESSION_HOURS,
      /** Lets a scraper or a supervisor read /metrics, /healthz and /readyz, and nothing else. */
      metricsTokenDigest: c.METRICS_TOKEN === undefined ? undefined : digest(c.METRICS_TOKEN),
    },
    /** Host names the dashboard answers to besides its own address and localhost (DNS rebinding guard). */
    allowedHosts: c.ALLOWED_HOSTS ?? [],
    /** Above this day's spend, new runs wait for the next day (or for the operator to lift it for the day). */
    dailyBudgetUsd: c.DAILY_BUDGET_USD,
    /** The days of the Usage page and of the budget: this machine's own time zone unless set. */
    usageTimeZone: c.USAGE_TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    /** A job the account's usage limit stopped waits for the reset and resumes, unless the job says otherwise. */
    waitForUsageLimits: c.USAGE_LIMIT_WAIT === "1",
    /** Where people reach the dashboard, for links sent elsewhere (webhooks). */
    publicUrl: c.PUBLIC_URL ?? `http://${c.HOST.includes(":") ? `[${c.HOST}]` : c.HOST}:${c.PORT}`,
    webhooks: {
      urls: c.WEBHOOK_URLS ?? [],
      /** Signs every delivery; only the worker that delivers reads it. */
      secret: c.WEBHOOK_SECRET ?? "",
      events: (c.WEBHOOK_EVENTS?.length ? c.WEBHOOK_EVENTS : webhookEvents) as WebhookEvent[],
      attempts: c.WEBHOOK_ATTEMPTS,
      backoffSeconds: c.WEBHOOK_BACKOFF_SECONDS,
    },
  }));

function commaList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Addresses that only this machine can reach. */
export const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/** Variables whose values never appear in messages. */
const SECRET_VARIABLES = new Set([
  "DASHBOARD_PASSWORD",
  "API_TOKENS",
  "REDIS_URL",
  "WEBHOOK_SECRET",
  "METRICS_TOKEN",
  // A chat service's incoming-webhook URL is its own credential.
  "WEBHOOK_URLS",
]);

export function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses configuration from an environment; every bad value is reported by name with what is expected. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`PORT=`) means "use the default", as in most shells' `${PORT:-3000}`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const shown = SECRET_VARIABLES.has(name) ? "(hidden)" : JSON.stringify(present[name]);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

let cached: Config | undefined;

/** The process's configuration, read from process.env once. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
