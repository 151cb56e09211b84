import "server-only";
import { checkAllowedDirectory } from "../allowed-directory";
import type { Config } from "../config";
import type { FieldErrors, JobSpec } from "../job-spec";

/** What the schema cannot know: the operator's limits and this host's directories. */
export async function checkJobSpec(spec: JobSpec, config: Config): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (spec.workingDirectory) {
    const check = await checkAllowedDirectory(spec.workingDirectory, config.allowedRoots);
    if (!check.ok) errors.workingDirectory = check.error;
  }
  for (const directory of spec.additionalDirectories ?? []) {
    const check = await checkAllowedDirectory(directory, config.allowedRoots);
    if (!check.ok) {
      errors.additionalDirectories = check.error;
      break;
    }
  }
  if (spec.permissionMode === "bypassPermissions" && !config.allowBypassPermissions) {
    errors.permissionMode =
      "bypassPermissions lets Claude run any command without asking; this server does not allow it (the operator can set ALLOW_BYPASS_PERMISSIONS=1)";
  }
  if (spec.timeoutSeconds !== undefined && spec.timeoutSeconds > config.maxJobTimeoutSeconds) {
    errors.timeoutSeconds = `Timeout must be at most ${config.maxJobTimeoutSeconds} seconds on this server`;
  }
  if (spec.idleTimeoutSeconds !== undefined && spec.idleTimeoutSeconds > config.maxIdleTimeoutSeconds) {
    errors.idleTimeoutSeconds = `Idle timeout must be at most ${config.maxIdleTimeoutSeconds} seconds on this server`;
  }
  if ((spec.resumeSessionId === undefined) !== (spec.parentJobId === undefined)) {
    errors.form = "A follow-up needs both the session to resume and the job it follows";
  }
  return errors;
}
