"use client";

import Link from "next/link";
import { useMemo } from "react";
import { formatAge, formatBytes } from "@/lib/format";
import { isLeftoverTempFile, type WorkspaceFile } from "@/lib/job-view";
import { useNow } from "./use-now";

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  files: (WorkspaceFile & { name: string })[];
}

function buildTree(files: WorkspaceFile[]): Folder {
  const root: Folder = { name: "", folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    const name = parts.pop() as string;
    let folder = root;
    for (const part of parts) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { name: part, folders: new Map(), files: [] };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.push({ ...file, name });
  }
  return root;
}

const encodePath = (relative: string) => relative.split("/").map(encodeURIComponent).join("/");

/** The job's workspace as a folder tree: each file opens a preview, with its size and when it last changed. */
export function FileTree({ jobId, files }: { jobId: string; files: WorkspaceFile[] }) {
  const tree = useMemo(() => buildTree(files), [files]);
  // Ticks slowly: the ages it shows are minutes and hours, and they must not freeze at the page's first paint.
  const now = useNow(true, 10_000);
  if (files.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No files yet.</p>;
  return (
    <div className="space-y-2">
      <ul data-testid="job-files" className="text-sm">
        <FolderContents folder={tree} jobId={jobId} now={now} />
      </ul>
      <a
        href={`/api/jobs/${jobId}/archive`}
        download
        className="inline-block rounded-md border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
      >
        Download all (.zip)
      </a>
    </div>
  );
}

function FolderContents({ folder, jobId, now }: { folder: Folder; jobId: string; now: number }) {
  return (
    <>
      {[...folder.folders.values()].map((child) => (
        <li key={child.name}>
          <details open>
            <summary className="cursor-pointer py-0.5 font-mono text-zinc-600 dark:text-zinc-400">
              {child.name}/
            </summary>
            <ul className="ml-4 border-l border-zinc-200 pl-2 dark:border-zinc-800">
              <FolderContents folder={child} jobId={jobId} now={now} />
            </ul>
          </details>
        </li>
      ))}
      {folder.files.map((file) => (
        <li key={file.path} data-testid="job-file" className="flex items-baseline gap-2 py-0.5">
          <Link
            href={`/jobs/${jobId}/files/${encodePath(file.path)}`}
            className="min-w-0 truncate font-mono hover:underline"
            title={file.path}
          >
            {file.name}
          </Link>
          {isLeftoverTempFile(file.name) && (
            <span
              data-testid="temp-file-mark"
              title="Left by a write that was interrupted (the job stopped, or the disk filled): not a file the job meant to make"
              className="shrink-0 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
            >
              unfinished write
            </span>
          )}
          <span className="ml-auto shrink-0 text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
            {formatBytes(file.size)}
          </span>
          <span
            className="hidden shrink-0 text-xs text-zinc-500 dark:text-zinc-400 sm:inline"
            title={new Date(file.modifiedAt).toLocaleString()}
            // The server's clock and time zone render this too: the browser's may differ.
            suppressHydrationWarning
          >
            {formatAge(file.modifiedAt, now)}
          </span>
          <a
            href={`/api/jobs/${jobId}/files/${encodePath(file.path)}?download=1`}
            download
            aria-label={`Download ${file.path}`}
            className="shrink-0 rounded px-1 text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            ↓
          </a>
        </li>
      ))}
    </>
  );
}
