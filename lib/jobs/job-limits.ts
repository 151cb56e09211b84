import "server-only";
import type { Config } from "../config";
import { DEFAULT_ATTEMPTS } from "../job-spec";

/** What the New job form must know of the server's rules, so it offers only what the server accepts. */
export function jobLimits(config: Config) {
  return {
    allowBypassPermissions: config.allowBypassPermissions,
    defaultTimeoutSeconds: config.defaultJobTimeoutSeconds,
    maxTimeoutSeconds: config.maxJobTimeoutSeconds,
    defaultIdleTimeoutSeconds: config.defaultIdleTimeoutSeconds,
    maxIdleTimeoutSeconds: config.maxIdleTimeoutSeconds,
    defaultAttempts: DEFAULT_ATTEMPTS,
    toolApprovalsInDirectories: config.toolApprovalsInDirectories,
    waitForUsageLimits: config.waitForUsageLimits,
  };
}
export type JobLimits = ReturnType<typeof jobLimits>;
