import type { Metadata } from "next";
import Link from "next/link";
import { DeleteTemplateButton } from "@/components/delete-template-button";
import { listTemplates } from "@/lib/templates/list-templates";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Triggers" };

/** The templates a trigger can fire, each with the URL it posts to; their tokens were shown once, when made. */
export default async function TriggersPage() {
  const templates = await listTemplates();
  return (
    <div className="max-w-4xl space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Triggers</h1>
        <Link
          href="/jobs/new?run=trigger"
          className="ml-auto rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New template
        </Link>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A template is a saved job that a CI step or another service starts by posting to its URL with the
        template's own token (<code>Authorization: Bearer ccwt_…</code>), optionally with{" "}
        <code>{'{"text": "…"}'}</code> after its prompt and an <code>Idempotency-Key</code>. The token is
        shown once, when the template is made.
      </p>
      {templates.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No templates yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {templates.map((template) => (
            <li
              key={template.id}
              data-testid="template"
              className="flex flex-wrap items-center gap-3 px-3 py-2"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium">{template.name}</p>
                <p className="text-sm text-zinc-600 dark:text-zinc-400 [overflow-wrap:anywhere]">
                  {template.label}
                </p>
                <code className="font-mono text-xs [overflow-wrap:anywhere]">POST {template.fireUrl}</code>
              </div>
              <DeleteTemplateButton id={template.id} name={template.name} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
