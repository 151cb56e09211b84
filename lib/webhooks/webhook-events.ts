import { z } from "zod";
import { diagnosisSchema } from "../job-result";

/** What a webhook is sent for: a job's end, a job waiting for a person, and the Webhooks page's test. */
export const webhookEvents = ["completed", "failed", "cancelled", "needs-you", "test"] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** The body of every delivery: one shape for the sender, the receiver's docs and the tests. */
export const webhookPayloadSchema = z.object({
  event: z.enum(webhookEvents),
  /** When it happened, ms since 1970 (the delivery's own time is in its X-CCW-Timestamp header). */
  at: z.number(),
  job: z.object({
    id: z.string(),
    title: z.string(),
    state: z.string(),
    diagnosis: diagnosisSchema.nullable(),
    costUsd: z.number().nullable(),
    /** The job's page. */
    url: z.string(),
  }),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** One delivery as the webhook queue keeps it: to one URL, retried with backoff until it is taken. */
export const webhookDeliverySchema = z.object({
  url: z.string(),
  payload: webhookPayloadSchema,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
