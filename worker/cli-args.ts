import { userMessageLine } from "@/lib/cli/control-protocol";
import type { JobSpec } from "@/lib/job-spec";

export interface CliArgsOptions {
  /**
   * Whether the working directory is one the operator trusts (TRUSTED_ROOTS). Elsewhere the CLI loads only the
   * user's settings: in -p mode it would otherwise run the directory's hooks, its settings' env and apiKeyHelper
   * and its .mcp.json servers, unasked, before the model says a word.
   */
  trustedDirectory: boolean;
  /** Flag settings (JSON), above every settings file: a sandboxed run's sandbox. */
  settings?: string;
}

/** What the CLI loads in a directory the operator does not trust: the user's own settings only. */
export const UNTRUSTED_SETTING_SOURCES = ["user"];
/** Its default, everywhere else. */
export const ALL_SETTING_SOURCES = ["user", "project", "local"];

/** The argv for one run of `claude`, built from the spec field by field, never through a shell. */
export function buildCliArgs(spec: JobSpec, { trustedDirectory, settings }: CliArgsOptions): string[] {
  const args = [
    "-p",
    // The prompt comes on stdin as a stream-json user turn (cliInput), as later messages of an interactive run will.
    "--input-format",
    "stream-json",
    "--output-format",
    "stream-json",
    "--verbose",
    "--permission-mode",
    spec.permissionMode,
  ];
  // The CLI then asks the worker, over stdin and stdout, before a tool the mode does not allow; without it, it refuses.
  if (spec.toolApprovals === "ask") args.push("--permission-prompt-tool", "stdio");
  if (!trustedDirectory) args.push("--setting-sources", UNTRUSTED_SETTING_SOURCES.join(","));
  if (settings) args.push("--settings", settings);
  if (spec.model) args.push("--model", spec.model);
  if (spec.maxTurns !== undefined) args.push("--max-turns", String(spec.maxTurns));
  if (spec.maxBudgetUsd !== undefined) args.push("--max-budget-usd", String(spec.maxBudgetUsd));
  if (spec.appendSystemPrompt) args.push("--append-system-prompt", spec.appendSystemPrompt);
  // Variadic options take one argument per item; the `--` below ends them.
  if (spec.allowedTools?.length) args.push("--allowedTools", ...spec.allowedTools);
  if (spec.disallowedTools?.length) args.push("--disallowedTools", ...spec.disallowedTools);
  if (spec.additionalDirectories?.length) args.push("--add-dir", ...spec.additionalDirectories);
  if (spec.resumeSessionId) args.push("--resume", spec.resumeSessionId);
  return args;
}

/** What the CLI reads on stdin: the prompt, as the run's first user turn. */
export function cliInput(spec: Pick<JobSpec, "prompt">): string {
  return userMessageLine(spec.prompt);
}
