import type { JobSpec } from "@/lib/job-spec";

/** The argv for one run of `claude`, built from the spec field by field, never through a shell. */
export function buildCliArgs(spec: JobSpec): string[] {
  const args = [
    "-p",
    "--output-format",
    "stream-json",
    "--verbose",
    "--permission-mode",
    spec.permissionMode,
  ];
  if (spec.model) args.push("--model", spec.model);
  if (spec.maxTurns !== undefined) args.push("--max-turns", String(spec.maxTurns));
  if (spec.maxBudgetUsd !== undefined) args.push("--max-budget-usd", String(spec.maxBudgetUsd));
  if (spec.appendSystemPrompt) args.push("--append-system-prompt", spec.appendSystemPrompt);
  // Variadic options take one argument per item; the `--` below ends them.
  if (spec.allowedTools?.length) args.push("--allowedTools", ...spec.allowedTools);
  if (spec.disallowedTools?.length) args.push("--disallowedTools", ...spec.disallowedTools);
  if (spec.additionalDirectories?.length) args.push("--add-dir", ...spec.additionalDirectories);
  if (spec.resumeSessionId) args.push("--resume", spec.resumeSessionId);
  // `--` ends the options, so a prompt that starts with a dash is still a prompt.
  return [...args, "--", spec.prompt];
}
