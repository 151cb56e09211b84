import "server-only";
import { jobSpecSchema, PROMPT_MAX_CHARS } from "../job-spec";
import { type IdempotentSubmitResult, submitJobIdempotently } from "../jobs/idempotent-submit";
import { submitJob } from "../jobs/submit-job";
import { getQueueRedis } from "../queue";
import { isTemplateToken, readTemplate } from "./template-store";

export type FireResult = IdempotentSubmitResult | { ok: false; status: 401 | 404; error: string };

/**
 * Starts a template's job for a trigger that holds its token, with `text` after its prompt; with an idempotency key,
 * a retried fire within a day answers the job the first one made.
 */
export async function fireTemplate(
  id: string,
  token: string | undefined,
  text: string | undefined,
  idempotencyKey: string | undefined,
): Promise<FireResult> {
  const template = await readTemplate(getQueueRedis(), id);
  // One answer for a template that is not there and a token that is not its own: neither tells a caller which.
  if (!template || !isTemplateToken(template, token))
    return {
      ok: false,
      status: 401,
      error: "No template takes this token: send Authorization: Bearer <the template's trigger token>.",
    };
  const prompt = text?.trim() ? `${template.spec.prompt}\n\n${text.trim()}` : template.spec.prompt;
  const spec = jobSpecSchema.safeParse({ ...template.spec, prompt: prompt.slice(0, PROMPT_MAX_CHARS) });
  if (!spec.success) return { ok: false, errors: { form: spec.error.issues[0]?.message ?? "Bad template" } };
  return idempotencyKey
    ? submitJobIdempotently(`template:${id}:${idempotencyKey}`, spec.data, 1)
    : submitJob(spec.data);
}
