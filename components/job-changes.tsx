"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import dynamic from "next/dynamic";
import { useActionState, useMemo, useRef, useState } from "react";
import { followUpAction } from "@/app/jobs/[id]/actions";
import type { ChangedFile, WorkspaceChanges } from "@/lib/git/change-schemas";
import { type PatchSide, patchLines, slicePatch } from "@/lib/git/patch-slices";
import { type ReviewComment, reviewCommentKey, reviewPrompt } from "@/lib/git/review-prompt";
import { canFollowUp, isFinished, type JobDetail } from "@/lib/job-view";
import { BranchActions } from "./branch-actions";
import { fetchJson, shouldRetry } from "./fetch-json";
import { SubmitButton } from "./submit-button";
import { useDarkMode } from "./use-dark-mode";

const DiffSlice = dynamic(() => import("./diff-slice"), {
  ssr: false,
  loading: () => <p className="px-3 py-2 text-sm text-zinc-500 dark:text-zinc-400">Loading the diff…</p>,
});

/** How often the changes of a running job are read again. */
const LIVE_REFRESH_MS = 3000;
/** Lines of one file's diff drawn as one piece: a 10,000-line change is drawn a piece at a time, as it scrolls in. */
const SLICE_LINES = 100;
/** A line of the viewer at its 13 px font. */
const LINE_PX = 21;

const STATUS_MARKS: Record<ChangedFile["status"], { mark: string; label: string; className: string }> = {
  added: { mark: "A", label: "added", className: "text-green-700 dark:text-green-400" },
  modified: { mark: "M", label: "modified", className: "text-amber-700 dark:text-amber-400" },
  deleted: { mark: "D", label: "deleted", className: "text-red-700 dark:text-red-400" },
  renamed: { mark: "R", label: "renamed", className: "text-sky-700 dark:text-sky-400" },
  copied: { mark: "C", label: "copied", className: "text-sky-700 dark:text-sky-400" },
  "type-changed": { mark: "T", label: "type changed", className: "text-zinc-600 dark:text-zinc-300" },
};

type Row =
  | { kind: "file"; file: ChangedFile; note?: string }
  | { kind: "slice"; file: ChangedFile; patch: string; part: number; lines: number };

/** What a file's row says when its diff has no lines to draw. */
function noLinesNote(file: ChangedFile): string | undefined {
  if (/^@@ /m.test(file.patch)) return undefined;
  if (file.added === null) return "A binary file: its content is not shown.";
  if (file.status === "renamed") return "Renamed; its content is unchanged.";
  return "No lines changed (its mode or type did).";
}

/** The rows the viewer draws for a part of a diff: its lines and its hunks' headers past the first. */
function drawnLines(patch: string): number {
  const lines = patch.split("\n");
  const content = lines.filter((line) => /^[ +-]/.test(line) && !/^(\+\+\+|---) /.test(line)).length;
  const hunks = lines.filter((line) => line.startsWith("@@ ")).length;
  return content + Math.max(hunks - 1, 0);
}

function rowsOf(files: ChangedFile[]): Row[] {
  const rows: Row[] = [];
  for (const file of files) {
    const note = noLinesNote(file);
    rows.push({ kind: "file", file, ...(note ? { note } : {}) });
    if (note) continue;
    for (const [part, patch] of slicePatch(file.patch, SLICE_LINES).entries()) {
      rows.push({ kind: "slice", file, patch, part, lines: drawnLines(patch) });
    }
  }
  return rows;
}

/**
 * What the job changed, file by file: a list of the files with lines added and removed, then each file's diff,
 * unified or side by side. Live while the job runs. A comment on any line gathers into a review that goes back to
 * the job as a follow-up.
 */
export function JobChanges({ job }: { job: JobDetail }) {
  const live = !isFinished(job.state);
  const { data, error } = useQuery<WorkspaceChanges, Error>({
    // A new state or a new run reads the changes again at once.
    queryKey: ["jobs", job.id, "changes", job.state, job.startedAt],
    queryFn: () => fetchJson<WorkspaceChanges>(`/api/jobs/${job.id}/changes`),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
    retry: shouldRetry,
    placeholderData: keepPreviousData,
  });
  const [split, setSplit] = useState(false);
  const [comments, setComments] = useState<ReviewComment[]>([]);
  const dark = useDarkMode();
  const rows = useMemo(() => rowsOf(data?.files ?? []), [data]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => {
      const row = rows[index];
      return row?.kind === "slice" ? row.lines * LINE_PX : 44;
    },
    overscan: 2,
    getItemKey: (index) => {
      const row = rows[index] as Row;
      return row.kind === "file" ? `file:${row.file.path}` : `slice:${row.part}:${row.file.path}`;
    },
  });

  if (error) {
    return (
      <p data-testid="changes-unavailable" className="text-sm text-zinc-600 dark:text-zinc-400">
        {error.message}
      </p>
    );
  }
  if (!data) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Reading the changes…</p>;
  const branch = data.branch && <BranchActions job={job} branch={data.branch} />;
  if (data.files.length === 0) {
    return (
      <div className="space-y-3">
        {branch}
        <p data-testid="changes-empty" className="text-sm text-zinc-600 dark:text-zinc-400">
          {live ? "No files changed yet." : "The job changed no files."}
        </p>
      </div>
    );
  }

  const added = data.files.reduce((sum, file) => sum + (file.added ?? 0), 0);
  const removed = data.files.reduce((sum, file) => sum + (file.removed ?? 0), 0);
  const addComment = (file: ChangedFile, side: PatchSide, line: number, text: string) => {
    const quote = patchLines(file.patch)[side].get(line) ?? "";
    setComments((all) => [...all, { path: file.path, side, line, quote, text }]);
  };
  const removeComment = (gone: ReviewComment) =>
    setComments((all) => all.filter((comment) => comment !== gone));

  return (
    <div className="space-y-3">
      {branch}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p data-testid="changes-summary">
          {data.files.length} {data.files.length === 1 ? "file" : "files"} changed,{" "}
          <span className="text-green-700 dark:text-green-400">+{added}</span>{" "}
          <span className="text-red-700 dark:text-red-400">−{removed}</span>
          {data.live && live && (
            <span className="ml-2 text-zinc-500 dark:text-zinc-400">updating as it runs</span>
          )}
        </p>
        <fieldset className="ml-auto flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
          <legend className="sr-only">Diff layout</legend>
          {[false, true].map((sideBySide) => (
            <button
              key={String(sideBySide)}
              type="button"
              aria-pressed={split === sideBySide}
              onClick={() => setSplit(sideBySide)}
              className="px-3 py-1 aria-pressed:bg-zinc-200 dark:aria-pressed:bg-zinc-800"
            >
              {sideBySide ? "Split" : "Unified"}
            </button>
          ))}
        </fieldset>
      </div>
      <ul
        aria-label="Changed files"
        className="max-h-48 overflow-auto rounded-md border border-zinc-200 text-sm dark:border-zinc-800"
      >
        {data.files.map((file) => (
          <li key={file.path}>
            <button
              type="button"
              onClick={() => {
                const index = rows.findIndex((row) => row.kind === "file" && row.file === file);
                virtualizer.scrollToIndex(index, { align: "start" });
              }}
              className="flex w-full items-center gap-2 px-3 py-1 text-left hover:bg-zinc-50 dark:hover:bg-zinc-900"
            >
              <FileMark file={file} />
              <span className="min-w-0 flex-1 truncate font-mono text-xs">{file.path}</span>
              <LineCounts file={file} />
            </button>
          </li>
        ))}
      </ul>
      <div
        ref={scroller}
        data-testid="diff"
        className="max-h-[80vh] overflow-auto [overflow-anchor:none] rounded-md border border-zinc-200 dark:border-zinc-800"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as Row;
            const fileComments = comments.filter((comment) => comment.path === row.file.path);
            return (
              <div
                key={item.key}
                data-index={item.index}
                data-slice-of={row.kind === "slice" ? row.file.path : undefined}
                ref={virtualizer.measureElement}
                className="absolute left-0 top-0 w-full"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {row.kind === "file" ? (
                  <FileHeader file={row.file} note={row.note} />
                ) : (
                  <DiffSlice
                    patch={row.patch}
                    path={row.file.path}
                    oldPath={row.file.oldPath}
                    split={split}
                    dark={dark}
                    estimatedHeight={item.size}
                    comments={fileComments}
                    onComment={(side, line, text) => addComment(row.file, side, line, text)}
                    onRemoveComment={removeComment}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <ReviewForm job={job} comments={comments} />
    </div>
  );
}

function FileMark({ file }: { file: ChangedFile }) {
  const status = STATUS_MARKS[file.status];
  return (
    <span title={status.label} className={`w-4 shrink-0 font-mono text-xs font-bold ${status.className}`}>
      {status.mark}
      <span className="sr-only"> ({status.label})</span>
    </span>
  );
}

function LineCounts({ file }: { file: ChangedFile }) {
  if (file.added === null) return <span className="text-xs text-zinc-500 dark:text-zinc-400">binary</span>;
  return (
    <span className="shrink-0 font-mono text-xs">
      <span className="text-green-700 dark:text-green-400">+{file.added}</span>{" "}
      <span className="text-red-700 dark:text-red-400">−{file.removed}</span>
    </span>
  );
}

function FileHeader({ file, note }: { file: ChangedFile; note?: string }) {
  return (
    <div
      data-testid="diff-file"
      data-path={file.path}
      className="border-y border-zinc-200 bg-zinc-50 px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center gap-2">
        <FileMark file={file} />
        <span className="min-w-0 flex-1 font-mono text-xs [overflow-wrap:anywhere]">
          {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
        </span>
        <LineCounts file={file} />
      </div>
      {note && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{note}</p>}
    </div>
  );
}

/** The comments gathered so far, and the follow-up they become. */
function ReviewForm({ job, comments }: { job: JobDetail; comments: ReviewComment[] }) {
  const [note, setNote] = useState("");
  // A sent review opens the follow-up's page.
  const [state, action, pending] = useActionState(followUpAction.bind(null, job.id), {});
  if (comments.length === 0) {
    return (
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Hover a line and press + to comment on it; the comments go back to the job as one follow-up.
      </p>
    );
  }
  const ready = canFollowUp(job);
  return (
    <form
      action={action}
      aria-label="Review"
      className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <p className="text-sm font-medium">
        {comments.length} {comments.length === 1 ? "comment" : "comments"} on the changes
      </p>
      <ul className="space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        {comments.map((comment) => (
          <li key={`${reviewCommentKey(comment)}:${comment.text}`} className="[overflow-wrap:anywhere]">
            <span className="font-mono">
              {comment.path}:{comment.line}
            </span>{" "}
            {comment.text}
          </li>
        ))}
      </ul>
      <textarea
        aria-label="A note for the whole review"
        placeholder="Anything else, for the whole change (optional)"
        rows={2}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <input type="hidden" name="prompt" value={reviewPrompt(comments, note)} />
      {state.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {state.error}
        </p>
      )}
      {ready ? (
        <SubmitButton pending={pending} pendingLabel="Sending…">
          Send the review as a follow-up
        </SubmitButton>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {isFinished(job.state)
            ? "This job has no session to resume, so the review cannot go back to it."
            : "The review can be sent once the job has finished."}
        </p>
      )}
    </form>
  );
}
