import { z } from "zod";

/**
 * Why the worker put a job back to wait rather than run it: the day's budget is spent, or the Claude account's usage
 * limit was reached. Kept until the job runs again, so its page and its row say why it waits.
 */
export const jobHoldSchema = z.object({
  reason: z.enum(["budget", "usage-limit"]),
  /** Why, in a sentence, for the job's page. */
  message: z.string(),
  /** When it runs again. */
  until: z.number(),
  /** For a usage limit: how many runs in a row it stopped without the model writing a word. */
  streak: z.number().optional(),
});
export type JobHold = z.infer<typeof jobHoldSchema>;
