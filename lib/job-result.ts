import { z } from "zod";
import { permissionDenialSchema } from "./cli-events";

/** Why a job ended as it did, in words a person acts on. */
export const diagnosisSchema = z.object({
  cause: z.string(),
  fix: z.string(),
});

/** The end of one attempt: written to result.json and returned to BullMQ as the job's return value. */
export const jobResultSchema = z.object({
  outcome: z.enum(["completed", "failed"]),
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
  permissionDenials: z.array(permissionDenialSchema),
  startedAt: z.number(),
  finishedAt: z.number(),
  stderrTail: z.string(),
});

export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type JobResult = z.infer<typeof jobResultSchema>;
