import { jsonError, readJsonBody, serviceError } from "@/lib/http";
import { fieldErrorsOf } from "@/lib/job-spec";
import { listTemplates } from "@/lib/templates/list-templates";
import { saveTemplate } from "@/lib/templates/save-template";
import { templateInputSchema } from "@/lib/templates/template-schemas";

export const dynamic = "force-dynamic";

/** Every template, with the URL its trigger posts to (never its token). */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ templates: await listTemplates() });
  } catch (error) {
    return serviceError(error);
  }
}

/** A new template: `{"name", "spec": {job fields}}` → `201 {"template", "token"}`, the token shown this once. */
export async function POST(request: Request): Promise<Response> {
  const json = await readJsonBody(request, '{"name": "Nightly triage", "spec": {"prompt": "…"}}');
  if (!json.ok) return json.response;
  const input = templateInputSchema.safeParse(json.value);
  if (!input.success)
    return jsonError(400, input.error.issues[0]?.message ?? "Bad template", {
      fieldErrors: fieldErrorsOf(input.error),
    });
  try {
    const result = await saveTemplate(input.data);
    return result.ok
      ? Response.json({ template: result.template, token: result.token }, { status: 201 })
      : jsonError(400, Object.values(result.errors).join("; "), { fieldErrors: result.errors });
  } catch (error) {
    return serviceError(error);
  }
}
