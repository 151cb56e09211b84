import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { openApiDocument } from "@/lib/openapi/openapi-document";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API reference" };

const METHOD_STYLES: Record<string, string> = {
  get: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
  post: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  delete: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

/** The OpenAPI document, readable: every route by topic, its parameters, body and answers. */
export default function ApiReferencePage() {
  const document = openApiDocument(getConfig().publicUrl) as unknown as {
    info: { description?: string };
    paths: Record<string, Record<string, Operation>>;
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const tags = [...new Set(operations.map(({ operation }) => operation.tags?.[0] ?? "Other"))];
  return (
    <div className="max-w-5xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">API reference</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {document.info.description} Send <code>Authorization: Bearer &lt;token&gt;</code> (Settings →
          Tokens) once a password or tokens are set. The machine-readable document:{" "}
          <a href="/api/openapi.json" className="text-indigo-700 underline dark:text-indigo-300">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </div>
      <nav aria-label="Topics" className="flex flex-wrap gap-3 text-sm">
        {tags.map((tag) => (
          <a key={tag} href={`#${tag.toLowerCase().replace(/\W+/g, "-")}`} className="underline">
            {tag}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={tag.toLowerCase().replace(/\W+/g, "-")} aria-label={tag} className="space-y-3">
          <h2 className="text-lg font-semibold">{tag}</h2>
          {operations
            .filter(({ operation }) => (operation.tags?.[0] ?? "Other") === tag)
            .map(({ path, method, operation }) => (
              <article
                key={`${method} ${path}`}
                data-testid="api-operation"
                className="space-y-2 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800"
              >
                <h3 className="flex flex-wrap items-center gap-2">
                  <span
                    className={`rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLES[method] ?? ""}`}
                  >
                    {method}
                  </span>
                  <code className="font-mono [overflow-wrap:anywhere]">{path}</code>
                  <span className="text-zinc-700 dark:text-zinc-300">{operation.summary}</span>
                </h3>
                {operation.description && (
                  <p className="text-zinc-600 dark:text-zinc-400">{operation.description}</p>
                )}
                {(operation.parameters?.length ?? 0) > 0 && (
                  <p className="text-zinc-600 dark:text-zinc-400">
                    Parameters:{" "}
                    {operation.parameters?.map((parameter, index) => (
                      <span key={`${parameter.in}-${parameter.name}`}>
                        {index > 0 && ", "}
                        <code className="font-mono">{parameter.name}</code> ({parameter.in}
                        {parameter.required ? ", required" : ""})
                      </span>
                    ))}
                  </p>
                )}
                {operation.requestBody?.content?.["application/json"] && (
                  <details>
                    <summary className="cursor-pointer">Body</summary>
                    <pre className="mt-1 max-h-96 overflow-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">
                      {JSON.stringify(operation.requestBody.content["application/json"].schema, null, 2)}
                    </pre>
                  </details>
                )}
                <ul className="space-y-0.5">
                  {Object.entries(operation.responses ?? {}).map(([status, response]) => (
                    <li key={status}>
                      <code className="font-mono">{status}</code> {response.description}
                    </li>
                  ))}
                </ul>
              </article>
            ))}
        </section>
      ))}
    </div>
  );
}
