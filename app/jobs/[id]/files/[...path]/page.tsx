import { stat } from "node:fs/promises";
import Link from "next/link";
import { notFound } from "next/navigation";
import { imageTypeOf, readFilePreview } from "@/lib/files/file-preview";
import { resolveInside } from "@/lib/files/resolve-inside";
import { formatBytes } from "@/lib/format";
import { highlightFile } from "@/lib/highlight";
import { jobIdSchema } from "@/lib/job-id";
import { jobWorkspaceOf } from "@/lib/jobs/job-workspace-of";

export const dynamic = "force-dynamic";

/** One workspace file: text highlighted (the first 256 KB of a big one), an image shown, a binary file offered. */
export default async function FilePreviewPage(props: PageProps<"/jobs/[id]/files/[...path]">) {
  const params = await props.params;
  const id = jobIdSchema.safeParse(params.id);
  if (!id.success) notFound();
  // Page params arrive still URL-encoded (route handlers' arrive decoded): decode each segment once.
  const segments = params.path.map(decodeSegment);
  if (segments.some((segment) => segment === undefined)) notFound();
  const relative = segments.join("/");
  const workspace = await jobWorkspaceOf(id.data);
  if (!workspace.ok && workspace.status === 404) notFound();
  if (!workspace.ok)
    return (
      <p
        role="alert"
        data-testid="files-refused"
        className="rounded-md border border-red-300 p-4 text-sm [overflow-wrap:anywhere] dark:border-red-800"
      >
        {workspace.error}
      </p>
    );
  const file = await resolveInside(workspace.root, relative);
  const stats = file ? await stat(file) : undefined;
  if (!file || !stats?.isFile()) notFound();

  const url = `/api/jobs/${id.data}/files/${relative.split("/").map(encodeURIComponent).join("/")}`;
  const image = imageTypeOf(file);
  const preview = image ? undefined : await readFilePreview(file);
  const highlighted = preview?.kind === "text" ? highlightFile(relative, preview.text) : undefined;

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
        <Link href={`/jobs/${id.data}`} className="hover:underline">
          ← Job {id.data}
        </Link>
      </nav>
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="[overflow-wrap:anywhere] font-mono text-lg font-semibold">{relative}</h1>
        <span className="text-sm text-zinc-500 dark:text-zinc-400">
          {formatBytes(stats.size)} · modified {stats.mtime.toLocaleString("en")}
          {highlighted?.language ? ` · ${highlighted.language}` : ""}
        </span>
        <a
          href={`${url}?download=1`}
          download
          className="ml-auto rounded-md border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Download
        </a>
      </header>
      {image && (
        // biome-ignore lint/performance/noImgElement: a workspace file, served by our own route, not a static asset
        <img
          src={url}
          alt={relative}
          className="max-h-[75vh] max-w-full rounded border border-zinc-200 dark:border-zinc-800"
        />
      )}
      {preview?.kind === "binary" && (
        <p className="rounded-md border border-zinc-200 p-4 text-sm dark:border-zinc-800">
          This is a binary file ({formatBytes(preview.size)}): download it to open it.
        </p>
      )}
      {preview?.kind === "text" && highlighted && (
        <>
          {preview.truncated && (
            <p
              role="status"
              className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
            >
              Showing the first {formatBytes(preview.text.length)} of {formatBytes(preview.size)}. Download
              the file to see all of it.
            </p>
          )}
          <pre
            data-testid="file-preview"
            className="hljs overflow-x-auto rounded-lg border border-zinc-200 bg-zinc-50 p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            {/* highlight.js escapes the file's text: the HTML holds only its own spans. */}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by highlightFile, tested in lib/highlight.test.ts */}
            <code dangerouslySetInnerHTML={{ __html: highlighted.html }} />
          </pre>
        </>
      )}
    </div>
  );
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
