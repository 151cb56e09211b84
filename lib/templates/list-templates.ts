import "server-only";
import { getConfig } from "../config";
import { jobLabel } from "../job-spec";
import { getQueueRedis } from "../queue";
import type { StoredTemplate, TemplateView } from "./template-schemas";
import { readTemplates } from "./template-store";

export function templateView(template: StoredTemplate): TemplateView {
  return {
    id: template.id,
    name: template.name,
    label: jobLabel(template.spec),
    spec: template.spec,
    createdAt: template.createdAt,
    fireUrl: `${getConfig().publicUrl}/api/templates/${template.id}/fire`,
  };
}

/** The Triggers page: every template, newest first, with the URL its trigger posts to. */
export async function listTemplates(): Promise<TemplateView[]> {
  return (await readTemplates(getQueueRedis())).map(templateView);
}
