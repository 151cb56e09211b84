"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from "react";
import { lineText } from "@/lib/cli/line-text";
import { DisclosureButton } from "./disclosure-button";
import { type Folds, LogEntryView } from "./log-entry";
import { useJobLogStream } from "./use-job-log-stream";
import { useSearchHighlight } from "./use-search-highlight";

/** The view counts as "at the latest line" within this many pixels of the bottom. */
const BOTTOM_SLACK_PX = 48;

/**
 * The job's CLI events as a conversation, live. Only the rows in view are in the page (a run of 100,000 events
 * scrolls as smoothly as one of ten). While the job runs, follow keeps the newest in view until the reader scrolls
 * up or opens a card; a finished job's log opens at its start and never moves on its own.
 */
export function JobLog({
  jobId,
  attempt,
  live,
  cancelled,
  earlier,
}: {
  jobId: string;
  attempt: number;
  live: boolean;
  cancelled: boolean;
  /** How the attempts before the one the page is about ended, oldest first: their runs are folded. */
  earlier: { number: number; outcome: string }[];
}) {
  const { entries: all, done, error, toolCalls } = useJobLogStream(jobId, attempt);
  const [showEarlier, setShowEarlier] = useState(false);
  // Each run ends with an end marker: the runs of the earlier attempts are folded above the one the page is about.
  const cut = useMemo(() => {
    const ends = all.flatMap((entry, index) => (entry.line === null ? [index] : []));
    const folded = Math.min(earlier.length, ends.length);
    return folded > 0 ? (ends[folded - 1] as number) + 1 : 0;
  }, [all, earlier.length]);
  const foldedRuns = useMemo(
    () => all.slice(0, cut).filter((entry) => entry.line === null).length,
    [all, cut],
  );
  const entries = useMemo(() => (showEarlier ? all : all.slice(cut)), [all, cut, showEarlier]);
  const [raw, setRaw] = useState(false);
  // Once the log is done nothing new comes, so the button goes; the last lines and their measuring still pin.
  const [follow, setFollow] = useState(live);
  const [atBottom, setAtBottom] = useState(true);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [search, setSearch] = useState("");
  const [matchAt, setMatchAt] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const folds: Folds = useMemo(
    () => ({
      isOpen: (key) => open.has(key),
      toggle: (key) => {
        // The reader is reading that card: it must not be pushed away by the lines that follow.
        setFollow(false);
        setOpen((previous) => {
          const next = new Set(previous);
          if (!next.delete(key)) next.add(key);
          return next;
        });
      },
    }),
    [open],
  );

  const term = useDeferredValue(search.trim().toLowerCase());
  // What the reader sees is searched, not the JSON around it; in Raw JSON the JSON is what they see. The texts are
  // made once per log, not once per keystroke: a long log is searched as the term is typed.
  const searching = term !== "";
  const searchable = useMemo(
    () =>
      searching
        ? entries.map((entry) =>
            (raw ? (entry.raw ?? "") : entry.line ? lineText(entry.line) : "").toLowerCase(),
          )
        : [],
    [entries, raw, searching],
  );
  const matches = useMemo(() => {
    if (!term) return [];
    const found: number[] = [];
    searchable.forEach((text, index) => {
      if (text.includes(term)) found.push(index);
    });
    return found;
  }, [searchable, term]);
  const current = matches.length > 0 ? matches[Math.min(matchAt, matches.length - 1)] : undefined;

  useSearchHighlight(scroller, term);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 28,
    overscan: 12,
    getItemKey: (index) => entries[index]?.cursor ?? index,
  });

  // Rows are measured as they render, so the log grows after new lines too: follow re-pins it to the bottom then.
  const totalSize = virtualizer.getTotalSize();
  const pinnedTop = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new lines and newly measured rows both move the bottom
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!follow || !element) return;
    element.scrollTop = element.scrollHeight;
    pinnedTop.current = element.scrollTop;
  }, [follow, totalSize, entries.length]);

  const goToMatch = useCallback(
    (step: number) => {
      if (matches.length === 0) return;
      const next = (Math.min(matchAt, matches.length - 1) + step + matches.length) % matches.length;
      setMatchAt(next);
      setFollow(false);
      virtualizer.scrollToIndex(matches[next] as number, { align: "center" });
    },
    [matches, matchAt, virtualizer],
  );

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const bottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
    setAtBottom(bottom);
    // Scrolling up to read stops following; coming back to the end resumes it.
    if (follow && !bottom && element.scrollTop < pinnedTop.current - 4) setFollow(false);
    if (!follow && !done && bottom && element.scrollTop > 0) setFollow(true);
  };

  const toggle =
    "rounded-md border px-2 py-0.5 text-xs font-medium border-zinc-300 dark:border-zinc-700 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900";

  return (
    <section aria-label="Log" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search the log"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setMatchAt(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              goToMatch(event.shiftKey ? -1 : matches.length > 0 && current === undefined ? 0 : 1);
            }
          }}
          className="w-44 rounded-md border border-zinc-300 bg-white px-2 py-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        {term && (
          <span
            data-testid="log-matches"
            aria-live="polite"
            className="text-xs tabular-nums text-zinc-500 dark:text-zinc-400"
          >
            {matches.length === 0
              ? "no matches"
              : `${Math.min(matchAt, matches.length - 1) + 1} of ${matches.length}`}
          </span>
        )}
        {matches.length > 1 && (
          <>
            <button
              type="button"
              className={toggle}
              aria-label="Previous match"
              onClick={() => goToMatch(-1)}
            >
              ↑
            </button>
            <button type="button" className={toggle} aria-label="Next match" onClick={() => goToMatch(1)}>
              ↓
            </button>
          </>
        )}
        <span className="ml-auto flex gap-2">
          {!done && (
            <button type="button" aria-pressed={follow} className={toggle} onClick={() => setFollow(!follow)}>
              Follow
            </button>
          )}
          <button type="button" aria-pressed={raw} className={toggle} onClick={() => setRaw(!raw)}>
            Raw JSON
          </button>
        </span>
      </div>
      <div className="relative">
        <div
          ref={scroller}
          onScroll={onScroll}
          data-testid="job-log"
          data-entries={entries.length}
          data-done={done}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, so keyboard users must be able to focus it
          tabIndex={0}
          className="max-h-[65vh] min-h-24 overflow-y-auto rounded-lg border border-zinc-200 p-2 font-mono text-sm dark:border-zinc-800"
        >
          {foldedRuns > 0 && (
            <div
              data-testid="folded-attempts"
              className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-dashed border-zinc-300 pb-2 font-sans text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
            >
              {Array.from({ length: foldedRuns }, (_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one line per earlier run, in order
                <span key={index}>
                  Attempt {earlier[index]?.number ?? index + 1} {earlier[index]?.outcome ?? "ended"}
                </span>
              ))}
              <DisclosureButton
                open={showEarlier}
                onToggle={() => setShowEarlier(!showEarlier)}
                className="rounded border border-zinc-300 px-2 py-0.5 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
              >
                {showEarlier ? "Hide" : "Show"}{" "}
                {foldedRuns === 1 ? `attempt ${earlier[0]?.number ?? 1}` : `attempts 1–${foldedRuns}`}
              </DisclosureButton>
            </div>
          )}
          {entries.length === 0 && !done && !error && (
            <p className="text-zinc-500 dark:text-zinc-400">Waiting for the CLI's first output…</p>
          )}
          {entries.length === 0 && done && (
            <p className="text-zinc-500 dark:text-zinc-400">This job printed nothing.</p>
          )}
          {error && (
            <p role="alert" className="text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
          <div style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
            {virtualizer.getVirtualItems().map((item) => {
              const entry = entries[item.index];
              if (!entry) return null;
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  data-testid="log-entry"
                  data-current-match={item.index === current ? true : undefined}
                  className={`absolute left-0 top-0 w-full py-1 ${item.index === current ? "rounded bg-yellow-100 dark:bg-yellow-900/40" : ""}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {raw ? (
                    <pre className="whitespace-pre-wrap [overflow-wrap:anywhere] text-xs">
                      {entry.raw ?? "(end of run)"}
                    </pre>
                  ) : (
                    <LogEntryView entry={entry} toolCalls={toolCalls} folds={folds} cancelled={cancelled} />
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {!atBottom && (
          <button
            type="button"
            onClick={() => {
              if (done) virtualizer.scrollToIndex(entries.length - 1, { align: "end" });
              else setFollow(true);
            }}
            className="absolute bottom-3 right-5 rounded-full bg-indigo-600 px-3 py-1 text-xs font-medium text-white shadow hover:bg-indigo-500"
          >
            Jump to latest ↓
          </button>
        )}
      </div>
    </section>
  );
}
