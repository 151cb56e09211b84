import "server-only";
import { getConfig } from "../config";
import type { FieldErrors } from "../job-spec";
import { checkJobSpec } from "../jobs/check-job-spec";
import { withConfiguredDefaults } from "../jobs/submit-job";
import { getQueueRedis } from "../queue";
import { templateView } from "./list-templates";
import type { TemplateInput, TemplateView } from "./template-schemas";
import { createTemplate } from "./template-store";

export type SaveTemplateResult =
  | { ok: true; template: TemplateView; token: string }
  | { ok: false; errors: FieldErrors };

/** A new template, its job checked against this server's limits as a submit would be; its token shown once. */
export async function saveTemplate(input: TemplateInput): Promise<SaveTemplateResult> {
  const config = getConfig();
  const errors = await checkJobSpec(withConfiguredDefaults(input.spec, config), config);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { template, token } = await createTemplate(getQueueRedis(), input);
  return { ok: true, template: templateView(template), token };
}
