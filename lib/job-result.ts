import { z } from "zod";
import { permissionDenialSchema } from "./cli-events";

/** Every cause the worker tells apart; see worker/job-outcome.ts. */
export const diagnosisCodes = [
  "cli-not-found",
  "cli-not-executable",
  "cli-failed-to-start",
  "working-directory",
  "git",
  "not-logged-in",
  "invalid-api-key",
  "rate-limited",
  "usage-limit",
  "usage-limit-runaway",
  "overloaded",
  "server-error",
  "connection-failed",
  "max-turns",
  "max-budget",
  "bypass-as-root",
  "unknown-session",
  "timed-out",
  "idle",
  "cancelled",
  "killed",
  "no-result",
  "cli-error",
  "worker-crashed",
  "disk-full",
  "read-only-data-dir",
  "data-dir-io-error",
] as const;
export type DiagnosisCode = (typeof diagnosisCodes)[number];

/** Causes that pass by themselves: the job is retried with backoff while it has attempts left. */
export const RETRYABLE_CAUSES: readonly DiagnosisCode[] = [
  "rate-limited",
  "overloaded",
  "server-error",
  "connection-failed",
];

/** Why a job ended as it did, in words a person acts on. */
export const diagnosisSchema = z.object({
  code: z.enum(diagnosisCodes),
  cause: z.string(),
  fix: z.string(),
});

/** The end of one attempt: written to result.json and returned to BullMQ as the job's return value. */
export const jobResultSchema = z.object({
  /** Which run of the job this was (1 for the first); earlier runs' results are kept as result.attempt-<n>.json. */
  attempt: z.number().optional(),
  outcome: z.enum(["completed", "failed", "cancelled"]),
  /** The final text: the CLI's answer, or its error text. */
  text: z.string().optional(),
  diagnosis: diagnosisSchema.optional(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  /** The result event's subtype, or null when the CLI printed none. */
  subtype: z.string().nullable(),
  sessionId: z.string().optional(),
  numTurns: z.number().optional(),
  costUsd: z.number().optional(),
  /** Set when the account's usage limit ended the run: when it resets, ms since 1970. */
  usageLimitResetsAt: z.number().optional(),
  permissionDenials: z.array(permissionDenialSchema),
  startedAt: z.number(),
  finishedAt: z.number(),
  stderrTail: z.string(),
});

export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type JobResult = z.infer<typeof jobResultSchema>;
