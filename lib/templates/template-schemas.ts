import { z } from "zod";
import { jobSpecSchema } from "../job-spec";

export const templateIdSchema = z
  .string()
  .regex(/^t[0-9a-z]{8,40}$/, { error: "A template id is t and 8 to 40 lowercase letters and digits" });

/** A saved job a trigger starts: a CI step, or a webhook from elsewhere, with a token of its own. */
export const templateInputSchema = z.strictObject({
  name: z
    .string({ error: "Name the template, like Nightly triage" })
    .trim()
    .min(1, { error: "Name the template, like Nightly triage" })
    .max(100, { error: "A template's name is at most 100 characters" }),
  spec: jobSpecSchema,
});
export type TemplateInput = z.output<typeof templateInputSchema>;

export const storedTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  spec: jobSpecSchema,
  createdAt: z.number(),
  /** The trigger token's digest: the token itself is shown once, when made. */
  tokenDigest: z.string(),
});
export type StoredTemplate = z.infer<typeof storedTemplateSchema>;

/** What a fire may add: text after the template's prompt (a CI run's link, an issue's body). */
export const fireInputSchema = z.strictObject({
  text: z.string().max(20_000, { error: "The extra text is at most 20,000 characters" }).optional(),
});

/** A template as pages and the API show it: never its token. */
export const templateViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  label: z.string(),
  spec: jobSpecSchema,
  createdAt: z.number(),
  fireUrl: z.string(),
});
export type TemplateView = z.infer<typeof templateViewSchema>;
