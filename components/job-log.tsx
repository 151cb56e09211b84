"use client";

import { useEffect, useMemo, useState } from "react";
import { type CliLine, parseCliLine, toolKeyArgument } from "@/lib/cli-events";

interface LogEntry {
  cursor: string;
  /** Null marks where an attempt ended. */
  line: CliLine | null;
}

/** The job's CLI events, live: replayed from the start, then followed as they arrive. */
export function JobLog({ jobId, attempt }: { jobId: string; attempt: number }) {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [ended, setEnded] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt reopens the stream to follow its lines
  useEffect(() => {
    setEntries([]);
    setEnded(false);
    // EventSource resends the last id it saw when it reconnects, so a dropped connection resumes in place.
    const source = new EventSource(`/api/jobs/${jobId}/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      const entry = { cursor: message.lastEventId, line: parseCliLine(message.data) };
      setEntries((previous) => [...previous, entry]);
    };
    source.addEventListener("end", (message: MessageEvent<string>) => {
      const entry = { cursor: message.lastEventId, line: null };
      setEntries((previous) => [...previous, entry]);
    });
    // Sent once the log is complete: the job has finished and will not run again on its own.
    source.addEventListener("done", () => {
      setEnded(true);
      source.close();
    });
    return () => source.close();
  }, [jobId, attempt]);

  return (
    <section aria-label="Log" data-testid="job-log" className="space-y-2 font-mono text-sm">
      {entries.length === 0 && !ended && <p className="text-zinc-500">Waiting for the CLI's first output…</p>}
      {entries.map((entry) =>
        entry.line ? (
          <LogLine key={entry.cursor} line={entry.line} />
        ) : (
          <p
            key={entry.cursor}
            className="border-t border-dashed border-zinc-300 pt-1 text-center text-xs text-zinc-400 dark:border-zinc-700"
          >
            end of run
          </p>
        ),
      )}
    </section>
  );
}

function LogLine({ line }: { line: CliLine }) {
  const rendered = useMemo(() => renderLine(line), [line]);
  return rendered;
}

function renderLine(line: CliLine) {
  switch (line.kind) {
    case "init":
      return (
        <p className="break-all text-xs text-zinc-500">
          Session {line.event.session_id} started · model {line.event.model ?? "default"} ·{" "}
          {line.event.permissionMode}
        </p>
      );
    case "api_retry":
      return (
        <p className="rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          API error {line.event.error_status ?? ""} ({line.event.error ?? "unknown"}): retry{" "}
          {line.event.attempt} of {line.event.max_retries}
        </p>
      );
    case "assistant":
      return (
        <div className={line.event.error ? "text-red-700 dark:text-red-400" : undefined}>
          {line.event.message.content.map((block, index) =>
            block.type === "tool_use" && "name" in block ? (
              <p
                key={"id" in block ? String(block.id) : index}
                className="break-all rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800"
              >
                <span className="font-semibold">{String(block.name)}</span> {toolKeyArgument(block.input)}
              </p>
            ) : block.type === "text" && "text" in block ? (
              <p
                // biome-ignore lint/suspicious/noArrayIndexKey: a message's blocks never reorder, and text has no id
                key={index}
                className="whitespace-pre-wrap font-sans"
              >
                {String(block.text)}
              </p>
            ) : null,
          )}
        </div>
      );
    case "user": {
      const content = line.event.message.content;
      const results = Array.isArray(content) ? content.filter((block) => block.type === "tool_result") : [];
      return (
        <>
          {results.map((block) => (
            <p
              key={"tool_use_id" in block ? String(block.tool_use_id) : ""}
              className="truncate pl-4 text-xs text-zinc-500"
            >
              ↳ {summarize("content" in block ? block.content : "")}
            </p>
          ))}
        </>
      );
    }
    case "result":
      return (
        <p
          className={
            line.event.is_error
              ? "font-semibold text-red-700 dark:text-red-400"
              : "font-semibold text-green-700 dark:text-green-400"
          }
        >
          {line.event.is_error ? `Error (${line.event.subtype})` : "Result"}:{" "}
          {line.event.result ?? line.event.errors?.join("; ") ?? ""}
        </p>
      );
    case "task_started":
      return (
        <p className="text-xs text-zinc-500">
          Background task started: {line.event.description ?? line.event.task_id}
        </p>
      );
    case "task_notification":
      return (
        <p className="text-xs text-zinc-500">
          Background task {line.event.status}
          {line.event.summary ? `: ${line.event.summary}` : ""}
        </p>
      );
    case "text":
      return <p className="break-all text-zinc-500">{line.text}</p>;
    default:
      return null;
  }
}

function summarize(content: unknown): string {
  const text = typeof content === "string" ? content : JSON.stringify(content);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
