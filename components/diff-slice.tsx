"use client";

import { DiffModeEnum, DiffView, SplitSide } from "@git-diff-view/react";
import "@git-diff-view/react/styles/diff-view-pure.css";
import { useEffect, useMemo, useRef, useState } from "react";
import type { PatchSide } from "@/lib/git/patch-slices";
import type { ReviewComment } from "@/lib/git/review-prompt";

export interface DiffSliceProps {
  /** A part of one file's diff, headed as the whole is. */
  patch: string;
  path: string;
  oldPath?: string;
  split: boolean;
  dark: boolean;
  /** The height it will have, held until the viewer has drawn (it draws after it mounts). */
  estimatedHeight: number;
  /** The comments on this file, drawn under their lines. */
  comments: ReviewComment[];
  onComment: (side: PatchSide, line: number, text: string) => void;
  onRemoveComment: (comment: ReviewComment) => void;
}

const sideOf = (side: SplitSide): PatchSide => (side === SplitSide.old ? "old" : "new");

/**
 * One part of a file's diff, highlighted, unified or side by side, with a "+" on each line that opens a comment.
 * Loaded on its own (the renderer and its highlighter are most of the page's weight) and only for parts in view.
 */
export default function DiffSlice(props: DiffSliceProps) {
  // The viewer parses its data again whenever it gets a new object, which would also close an open comment form.
  const data = useMemo(
    () => ({
      oldFile: { fileName: props.oldPath ?? props.path },
      newFile: { fileName: props.path },
      hunks: [props.patch],
    }),
    [props.patch, props.path, props.oldPath],
  );
  const extendData = { oldFile: {}, newFile: {} } as Record<
    "oldFile" | "newFile",
    Record<string, { data: ReviewComment[] }>
  >;
  for (const comment of props.comments) {
    const side = comment.side === "old" ? extendData.oldFile : extendData.newFile;
    const at = String(comment.line);
    side[at] = { data: [...(side[at]?.data ?? []), comment] };
  }
  const drawn = useDrawn();
  return (
    <div ref={drawn.ref} style={drawn.done ? undefined : { minHeight: props.estimatedHeight }}>
      <DiffView<ReviewComment[]>
        data={data}
        diffViewMode={props.split ? DiffModeEnum.Split : DiffModeEnum.Unified}
        diffViewTheme={props.dark ? "dark" : "light"}
        diffViewHighlight
        diffViewWrap={false}
        diffViewFontSize={13}
        diffViewAddWidget
        extendData={extendData}
        renderWidgetLine={({ side, lineNumber, onClose }) => (
          <CommentForm
            onCancel={onClose}
            onAdd={(text) => {
              props.onComment(sideOf(side), lineNumber, text);
              onClose();
            }}
          />
        )}
        renderExtendLine={({ data }) => (
          <div className="space-y-2 border-y border-sky-200 bg-sky-50 px-3 py-2 font-sans text-sm text-zinc-900 dark:border-sky-900 dark:bg-sky-950 dark:text-zinc-100">
            {data.map((comment) => (
              <div key={comment.text} data-testid="review-comment" className="flex items-start gap-2">
                <p className="min-w-0 flex-1 whitespace-pre-wrap [overflow-wrap:anywhere]">{comment.text}</p>
                <button
                  type="button"
                  onClick={() => props.onRemoveComment(comment)}
                  className="text-xs text-zinc-600 underline dark:text-zinc-300"
                >
                  Remove
                </button>
              </div>
            ))}
          </div>
        )}
      />
    </div>
  );
}

/**
 * Whether the viewer inside has drawn its table. Until it has, the slice keeps its estimated height: a list that
 * measured the empty first render would shrink under the reader and lose its place (a jump to a file would land
 * far short of it).
 */
function useDrawn() {
  const ref = useRef<HTMLDivElement>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || done) return;
    const check = () => {
      if (element.querySelector("table")) setDone(true);
    };
    const observer = new MutationObserver(check);
    observer.observe(element, { childList: true, subtree: true });
    check();
    return () => observer.disconnect();
  }, [done]);
  return { ref, done };
}

function CommentForm({ onAdd, onCancel }: { onAdd: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState("");
  return (
    <div className="space-y-2 border-y border-zinc-200 bg-zinc-50 px-3 py-2 font-sans dark:border-zinc-800 dark:bg-zinc-900">
      <textarea
        aria-label="Comment on this line"
        // biome-ignore lint/a11y/noAutofocus: the reader just asked to write here
        autoFocus
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
      />
      <div className="flex gap-2 text-sm">
        <button
          type="button"
          disabled={text.trim() === ""}
          onClick={() => onAdd(text.trim())}
          className="rounded-md bg-zinc-900 px-3 py-1 text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          Add comment
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="px-2 py-1 text-zinc-600 underline dark:text-zinc-300"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
