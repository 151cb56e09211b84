import type { ResultEvent } from "@/lib/cli-events";
import type { Diagnosis, JobResult } from "@/lib/job-result";
import type { CliRunReport } from "./cli-run";

export interface OutcomeInput {
  /** The CLI's `result` event, when it printed one. */
  result: ResultEvent | undefined;
  run: CliRunReport;
  claudeBin: string;
  timeoutSeconds: number;
}

export type Outcome = Pick<JobResult, "outcome" | "text" | "diagnosis">;

/**
 * Decides how a run ended. Trust order: what the supervisor itself did, then the `result` event, then the exit
 * code; the exit code alone lies (a failure can exit 0, a success 1).
 */
export function decideOutcome({ result, run, claudeBin, timeoutSeconds }: OutcomeInput): Outcome {
  if (run.spawnError) return failed(undefined, spawnFailure(run.spawnError.code, claudeBin));
  if (run.stoppedBy === "timeout") {
    return failed(result?.result ?? undefined, {
      cause: `The job ran longer than its ${timeoutSeconds}s time limit and was stopped.`,
      fix: "Give the job a longer timeout, or split the task into smaller ones.",
    });
  }
  if (run.stoppedBy === "aborted") {
    return failed(undefined, {
      cause: "The job was stopped before it finished.",
      fix: "Run it again when you are ready.",
    });
  }
  if (result) {
    if (!result.is_error) return { outcome: "completed", text: result.result ?? undefined };
    const text = result.result || result.errors?.join("\n") || undefined;
    return failed(text, diagnoseResultError(result, text ?? ""));
  }
  const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`;
  const stderr = run.stderrTail.trim();
  return failed(stderr || undefined, {
    cause: `The Claude CLI ${how} without reporting a result${stderr ? `: ${lastLine(stderr)}` : "."}`,
    fix: stderr
      ? "Read the CLI's error above (stderr tab); it usually names the flag or setting to change."
      : "Run the same command by hand to see what it prints, or check the worker's log.",
  });
}

function failed(text: string | undefined, diagnosis: Diagnosis): Outcome {
  return { outcome: "failed", text, diagnosis };
}

function spawnFailure(code: string, claudeBin: string): Diagnosis {
  if (code === "ENOENT") {
    return {
      cause: `The Claude CLI was not found: "${claudeBin}" does not exist on the worker's host.`,
      fix: "Run `npm install` in the dashboard's folder to restore the bundled CLI, install it with `npm install -g @anthropic-ai/claude-code`, or set CLAUDE_BIN to the full path of a claude executable.",
    };
  }
  if (code === "EACCES") {
    return {
      cause: `The Claude CLI at "${claudeBin}" is not executable by the worker.`,
      fix: `Make it executable (chmod +x ${claudeBin}) or set CLAUDE_BIN to another claude.`,
    };
  }
  return {
    cause: `The Claude CLI could not be started (${code}).`,
    fix: "Check CLAUDE_BIN and the worker's permissions.",
  };
}

function diagnoseResultError(result: ResultEvent, text: string): Diagnosis {
  const status = result.api_error_status;
  if (/not logged in/i.test(text)) {
    return {
      cause: "The Claude CLI is not logged in: the worker has no API key or login.",
      fix: "Set ANTHROPIC_API_KEY for the worker, or run `claude` once as the worker's user and log in.",
    };
  }
  if (status === 401 || /authenticat/i.test(text)) {
    return {
      cause: "The API refused the credentials (401): the API key is invalid or revoked.",
      fix: "Set a valid ANTHROPIC_API_KEY for the worker and retry.",
    };
  }
  if (status === 429) {
    return {
      cause: "The API rate limit was hit (429) and the CLI's own retries ran out.",
      fix: "Retry later, run fewer jobs at once (WORKER_CONCURRENCY), or raise your rate limit.",
    };
  }
  if (status === 529 || (typeof status === "number" && status >= 500)) {
    return {
      cause: `The API was overloaded or failing (${status}) and the CLI's own retries ran out.`,
      fix: "Retry later; this is on the API's side.",
    };
  }
  if (result.subtype === "error_max_turns") {
    return {
      cause: `The job used all its turns (${result.num_turns ?? "max"}) before finishing.`,
      fix: "Raise max turns, or narrow the task.",
    };
  }
  if (result.subtype === "error_max_budget_usd") {
    return {
      cause: "The job reached its budget before finishing.",
      fix: "Raise the budget, or narrow the task.",
    };
  }
  return {
    cause: `The Claude CLI reported an error${text ? `: ${lastLine(text)}` : "."}`,
    fix: "Read the conversation and stderr for details, then retry or change the prompt.",
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return (lines[lines.length - 1] ?? "").slice(0, 300);
}
