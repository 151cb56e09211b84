import { z } from "zod";

/**
 * How far a job is kept from what is not its own, strongest first. "sandbox": the CLI runs in a mount namespace
 * where DATA_DIR holds only its own folder and the rest of the machine is read-only, and its Bash tool in the CLI's
 * own sandbox besides (no other process, network only to the allowed domains). "none": a job can read what the
 * worker's user can, the dashboard's data and other jobs' folders among it.
 */
export const isolationLevelSchema = z.enum(["sandbox", "none"]);
export type IsolationLevel = z.infer<typeof isolationLevelSchema>;

export const jobIsolationSchema = z.object({
  level: isolationLevelSchema,
  /** What a job can reach at this level, or what is missing for a stronger one and how to get it. */
  detail: z.string(),
  /** The domains a sandboxed job's Bash tool may reach; empty when not sandboxed. */
  networkDomains: z.array(z.string()),
});
export type JobIsolation = z.infer<typeof jobIsolationSchema>;

/** The worker's note at the head of each run's log: what the run can reach, so a refused read explains itself. */
export const isolationEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("isolation"),
  level: isolationLevelSchema,
  detail: z.string(),
});
export type IsolationEvent = z.infer<typeof isolationEventSchema>;

export const ISOLATION_LABELS: Record<IsolationLevel, string> = {
  sandbox: "sandboxed",
  none: "not isolated",
};
