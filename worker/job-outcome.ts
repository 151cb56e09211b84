import type { ResultEvent } from "@/lib/cli-events";
import type { Diagnosis, JobResult } from "@/lib/job-result";
import type { CliRunReport } from "./cli-run";

export interface OutcomeInput {
  /** The CLI's `result` event, when it printed one. */
  result: ResultEvent | undefined;
  run: CliRunReport;
  claudeBin: string;
  timeoutSeconds: number;
  idleTimeoutSeconds: number;
  /** Why the run was aborted, when it was: "cancelled by a user", say. */
  abortReason?: string;
  /** Set when the job's own files could not be written (a full or read-only disk): the run was stopped for it. */
  writeFailure?: Diagnosis;
  /** The account's usage limit refused a request during the run (its rate_limit_event), and when it resets. */
  usageLimit?: { resetsAt: number; kind?: string };
}

export type Outcome = Pick<JobResult, "outcome" | "text" | "diagnosis" | "usageLimitResetsAt">;

/**
 * Decides how a run ended. Trust order: what the supervisor itself did, then the `result` event, then the exit
 * code and stderr; the exit code alone lies (a failure can exit 0, a success 1).
 */
export function decideOutcome(input: OutcomeInput): Outcome {
  const { result, run } = input;
  if (run.spawnError) return failed(undefined, spawnFailure(run.spawnError, input.claudeBin));
  const partial = result?.result ?? undefined;
  if (input.writeFailure) return failed(partial, input.writeFailure);
  if (run.stoppedBy === "timeout") {
    return failed(partial, {
      code: "timed-out",
      cause: `The job ran longer than its ${input.timeoutSeconds}s time limit and was stopped.`,
      fix: "Give the job a longer timeout, or split the task into smaller ones.",
    });
  }
  if (run.stoppedBy === "idle") {
    return failed(partial, {
      code: "idle",
      cause: `The Claude CLI printed nothing for ${input.idleTimeoutSeconds}s and was stopped as hung.`,
      fix: "Retry it. If a tool legitimately runs silent for longer (a long build), raise the idle timeout.",
    });
  }
  if (run.stoppedBy === "aborted") {
    // Whatever the CLI printed or exited with after being told to stop.
    return cancelledOutcome(input.abortReason);
  }
  if (result) {
    if (!result.is_error) return { outcome: "completed", text: result.result ?? undefined };
    const text = result.result || result.errors?.join("\n") || undefined;
    const resetsAt = input.usageLimit?.resetsAt ?? usageLimitResetOf(text ?? "");
    if (resetsAt !== undefined)
      return {
        ...failed(text, usageLimitDiagnosis(resetsAt, input.usageLimit?.kind)),
        usageLimitResetsAt: resetsAt,
      };
    return failed(text, diagnoseResultError(result, text ?? ""));
  }
  return failed(run.stderrTail.trim() || undefined, diagnoseNoResult(run));
}

export function cancelledOutcome(reason = "stopped"): Outcome {
  return {
    outcome: "cancelled",
    diagnosis: {
      code: "cancelled",
      cause: `The job was ${reason} before it finished.`,
      fix: "Retry it to run it again.",
    },
  };
}

function failed(text: string | undefined, diagnosis: Diagnosis): Outcome {
  return { outcome: "failed", text, diagnosis };
}

function spawnFailure({ code, message }: { code: string; message: string }, claudeBin: string): Diagnosis {
  if (code === "ENOENT") {
    return {
      code: "cli-not-found",
      cause: `The Claude CLI was not found: "${claudeBin}" does not exist on the worker's host.`,
      fix: "Run `npm install` in the dashboard's folder to restore the bundled CLI, install it with `npm install -g @anthropic-ai/claude-code`, or set CLAUDE_BIN to the full path of a claude executable.",
    };
  }
  if (code === "EACCES") {
    return {
      code: "cli-not-executable",
      cause: `The Claude CLI at "${claudeBin}" is not executable by the worker.`,
      fix: `Make it executable (chmod +x ${claudeBin}) or set CLAUDE_BIN to another claude.`,
    };
  }
  return {
    code: "cli-failed-to-start",
    cause: `The Claude CLI could not be started (${code}: ${message}).`,
    fix: "Check CLAUDE_BIN and the worker's permissions.",
  };
}

/** Errors the CLI reports before any work, on stderr or (some versions) in its result. */
function diagnoseStartupError(text: string): Diagnosis | undefined {
  if (/root\/sudo privileges/i.test(text)) {
    return {
      code: "bypass-as-root",
      cause: "The Claude CLI refuses bypassPermissions when it runs as root.",
      fix: "Run the worker as another user, or, if the worker runs in a sandbox (a container or VM), set IS_SANDBOX=1 for it.",
    };
  }
  if (/No conversation found with session ID/i.test(text)) {
    return {
      code: "unknown-session",
      cause:
        "The session to resume was not found: its history is gone, or it was started with another HOME or config folder.",
      fix: "Start a new job instead of a follow-up, or run the worker with the HOME (or CLAUDE_CONFIG_DIR) it had.",
    };
  }
  return undefined;
}

function diagnoseResultError(result: ResultEvent, text: string): Diagnosis {
  const startupError = diagnoseStartupError(text);
  if (startupError) return startupError;
  const status = result.api_error_status;
  if (/not logged in/i.test(text)) {
    return {
      code: "not-logged-in",
      cause: "The Claude CLI is not logged in: the worker has no API key or login.",
      fix: "Set ANTHROPIC_API_KEY for the worker, or run `claude` once as the worker's user and log in.",
    };
  }
  if (status === 401 || /authenticat/i.test(text)) {
    return {
      code: "invalid-api-key",
      cause: "The API refused the credentials (401): the API key is invalid or revoked.",
      fix: "Set a valid ANTHROPIC_API_KEY for the worker and retry.",
    };
  }
  if (status === 429) {
    return {
      code: "rate-limited",
      cause: "The API rate limit was hit (429) and the CLI's own retries ran out.",
      fix: "Retry later, run fewer jobs at once (WORKER_CONCURRENCY), or raise your rate limit.",
    };
  }
  if (status === 529 || /overloaded/i.test(text)) {
    return {
      code: "overloaded",
      cause: "The API was overloaded (529) and the CLI's own retries ran out.",
      fix: "Retry later; this is on the API's side.",
    };
  }
  if (typeof status === "number" && status >= 500) {
    return {
      code: "server-error",
      cause: `The API failed with a server error (${status}) and the CLI's own retries ran out.`,
      fix: "Retry later; this is on the API's side.",
    };
  }
  if (status === null && /connection|ECONNREFUSED|fetch failed|network/i.test(text)) {
    return {
      code: "connection-failed",
      cause: "The Claude CLI could not reach the API (connection refused or lost).",
      fix: "Check the worker's network and ANTHROPIC_BASE_URL if you set one, then retry.",
    };
  }
  if (result.subtype === "error_max_turns") {
    // The limit, from the CLI's own words: num_turns counts the turn that hit it too, one more than the limit.
    const limit = /maximum number of turns \((\d+)\)/.exec(text)?.[1];
    return {
      code: "max-turns",
      cause: `The job used all its turns${limit ? ` (${limit})` : ""} before finishing.`,
      fix: "Raise max turns, or narrow the task.",
    };
  }
  if (result.subtype === "error_max_budget_usd") {
    return {
      code: "max-budget",
      cause: `The job reached its budget before finishing${result.total_cost_usd === undefined ? "" : ` ($${result.total_cost_usd} spent)`}.`,
      fix: "Raise the max budget, or narrow the task.",
    };
  }
  return {
    code: "cli-error",
    cause: `The Claude CLI reported an error${text ? `: ${lastLine(text)}` : "."}`,
    fix: "Read the conversation and stderr for details, then retry or change the prompt.",
  };
}

function diagnoseNoResult(run: CliRunReport): Diagnosis {
  const stderr = run.stderrTail.trim();
  const startupError = diagnoseStartupError(stderr);
  if (startupError) return startupError;
  if (run.signal) {
    return {
      code: "killed",
      cause: `The Claude CLI was killed by ${run.signal}${stderr ? `: ${lastLine(stderr)}` : "."}`,
      fix: "Something outside the dashboard stopped it (the out-of-memory killer, an operator): check the host, then retry.",
    };
  }
  return {
    code: "no-result",
    cause: `The Claude CLI exited with code ${run.exitCode} without reporting a result${stderr ? `: ${lastLine(stderr)}` : "."}`,
    fix: stderr
      ? "Read the CLI's error above (stderr tab); it usually names the flag or setting to change."
      : "Run the same command by hand to see what it prints, or check the worker's log.",
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return (lines[lines.length - 1] ?? "").slice(0, 300);
}

/** Older CLIs end a run refused by the usage limit with "Claude AI usage limit reached|<reset, seconds since 1970>". */
function usageLimitResetOf(text: string): number | undefined {
  const match = /usage limit reached\|(\d{9,11})/i.exec(text);
  return match ? Number(match[1]) * 1000 : undefined;
}

function usageLimitDiagnosis(resetsAt: number, kind: string | undefined): Diagnosis {
  const limit = kind ? `the account's ${kind.replace(/_/g, " ")} usage limit` : "the account's usage limit";
  return {
    code: "usage-limit",
    cause: `The Claude CLI was refused by ${limit}, which resets at ${new Date(resetsAt).toISOString()}.`,
    fix: "The job waits and resumes by itself once the limit resets, unless waiting is turned off (Wait for the usage limit, or USAGE_LIMIT_WAIT=0); then retry it after the reset.",
  };
}
