import type { JobSpec } from "@/lib/job-spec";

/** The argv for one run of `claude`, built from the spec field by field, never through a shell. */
export function buildCliArgs(spec: JobSpec): string[] {
  // `--` ends the options, so a prompt that starts with a dash is still a prompt.
  const args = ["--output-format", "stream-json", "--verbose", "--permission-mode", spec.permissionMode];
  if (spec.model) args.push("--model", spec.model);
  if (spec.maxTurns !== undefined) args.push("--max-turns", String(spec.maxTurns));
  return ["-p", ...args, "--", spec.prompt];
}
