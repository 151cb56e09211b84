"use client";

import { useEffect, useRef, useState } from "react";
import { type CliLine, parseCliLine } from "@/lib/cli-events";

export interface LogEntry {
  /** The stream entry id: unique, and the cursor a reconnect resumes from. */
  cursor: string;
  /** The CLI's line as printed; null marks where an attempt ended. */
  raw: string | null;
  line: CliLine | null;
}

export interface ToolCall {
  name: string;
  input: unknown;
}

/** Lines arriving faster than this are added in one render, so a 100,000-line replay is not 100,000 renders. */
const FLUSH_MS = 50;

/**
 * A job's log, live: replayed from the start, then followed. EventSource resends the last id it saw when it
 * reconnects (after a drop, or when the server ends a long stream), so the log resumes in place.
 */
export function useJobLogStream(jobId: string, attempt: number) {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [done, setDone] = useState(false);
  const toolCalls = useRef(new Map<string, ToolCall>());

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt reopens the stream to follow its lines
  useEffect(() => {
    setEntries([]);
    setDone(false);
    toolCalls.current = new Map();
    let pending: LogEntry[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      setEntries((previous) => previous.concat(batch));
    };
    const add = (entry: LogEntry) => {
      if (entry.line?.kind === "assistant") {
        for (const block of entry.line.event.message.content) {
          if (block.type === "tool_use" && "id" in block && "name" in block)
            toolCalls.current.set(String(block.id), { name: String(block.name), input: block.input });
        }
      }
      pending.push(entry);
      timer ??= setTimeout(flush, FLUSH_MS);
    };

    const source = new EventSource(`/api/jobs/${jobId}/events`);
    source.onmessage = (message: MessageEvent<string>) =>
      add({ cursor: message.lastEventId, raw: message.data, line: parseCliLine(message.data) });
    source.addEventListener("end", (message: MessageEvent<string>) =>
      add({ cursor: message.lastEventId, raw: null, line: null }),
    );
    // Sent once the log is complete: the job has finished and will not run again on its own.
    source.addEventListener("done", () => {
      source.close();
      if (timer) clearTimeout(timer);
      flush();
      setDone(true);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [jobId, attempt]);

  return { entries, done, toolCalls: toolCalls.current };
}
