"use client";

import { useEffect, useRef, useState } from "react";
import { type CliLine, parseCliLine } from "@/lib/cli-events";
import { SseParser } from "@/lib/sse-parser";

export interface LogEntry {
  /** The stream entry id: unique, and the cursor a reconnect resumes from. */
  cursor: string;
  /** The CLI's line as printed; null marks where an attempt ended. */
  raw: string | null;
  line: CliLine | null;
  /** It says again what an earlier line said (the CLI reports a stopped task twice): shown only as raw JSON. */
  repeats?: boolean;
  /** A result whose text is the answer just above it: the log does not print it twice. */
  echoes?: boolean;
}

export interface ToolCall {
  name: string;
  input: unknown;
  /** Why the permission mode refused it, when the CLI said so in a permission_denied event. */
  refusal?: string;
  /** The directory its run worked in: its paths are shown relative to it. */
  cwd?: string;
  /** Running until its result comes; stopped when its run ended first. */
  status: "running" | "done" | "stopped";
  /** When the CLI asked for it and when its result came, from the CLI's timestamps where it prints them. */
  startedAt?: number;
  endedAt?: number;
}

function timeOf(event: { timestamp?: string }): number | undefined {
  const ms = Date.parse(event.timestamp ?? "");
  return Number.isNaN(ms) ? undefined : ms;
}

/** Lines arriving faster than this are added in one render, so a 100,000-line replay is not 100,000 renders. */
const FLUSH_MS = 100;
/** How long to wait before reconnecting, unless the server says otherwise (its `retry:` field). */
const DEFAULT_RETRY_MS = 1000;

/**
 * A job's log, live: replayed from the start, then followed. The stream is read with fetch and parsed here (see
 * SseParser for why not EventSource); when it ends or drops before the log is complete, it is opened again with
 * Last-Event-ID, so the log resumes after the last line it has: nothing lost, nothing twice.
 */
export function useJobLogStream(jobId: string, attempt: number) {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string>();
  const toolCalls = useRef(new Map<string, ToolCall>());

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt reopens the stream to follow its lines
  useEffect(() => {
    setEntries([]);
    setDone(false);
    setError(undefined);
    toolCalls.current = new Map();
    const taskEnds = new Set<string>();
    let lastText = "";
    let cwd: string | undefined;
    const aborter = new AbortController();
    let pending: LogEntry[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      if (batch.length > 0) setEntries((previous) => previous.concat(batch));
    };
    const add = (entry: LogEntry) => {
      if (entry.line?.kind === "init") cwd = entry.line.event.cwd;
      if (entry.line?.kind === "result") entry.echoes = (entry.line.event.result ?? "").trim() === lastText;
      if (entry.line?.kind === "assistant") {
        for (const block of entry.line.event.message.content) {
          if (block.type === "text" && "text" in block) lastText = String(block.text).trim();
          if (block.type === "tool_use" && "id" in block && "name" in block)
            toolCalls.current.set(String(block.id), {
              name: String(block.name),
              input: block.input,
              cwd,
              status: "running",
              startedAt: timeOf(entry.line.event),
            });
        }
      }
      if (entry.line?.kind === "user" && Array.isArray(entry.line.event.message.content)) {
        for (const block of entry.line.event.message.content) {
          const call =
            block.type === "tool_result" && "tool_use_id" in block
              ? toolCalls.current.get(String(block.tool_use_id))
              : undefined;
          if (call) {
            call.status = "done";
            call.endedAt = timeOf(entry.line.event);
          }
        }
      }
      // A run that ended leaves no tool running, whatever its last lines said.
      if (entry.line === null)
        for (const call of toolCalls.current.values()) if (call.status === "running") call.status = "stopped";
      if (entry.line?.kind === "task_notification") {
        const key = `${entry.line.event.task_id}:${entry.line.event.status}`;
        if (taskEnds.has(key)) entry.repeats = true;
        taskEnds.add(key);
      }
      if (entry.line?.kind === "permission_denied") {
        const call = toolCalls.current.get(entry.line.event.tool_use_id ?? "");
        if (call) call.refusal = entry.line.event.message ?? "refused by the permission mode";
      }
      pending.push(entry);
      timer ??= setTimeout(flush, FLUSH_MS);
    };

    const follow = async () => {
      let lastEventId = "";
      let retryMs = DEFAULT_RETRY_MS;
      while (!aborter.signal.aborted) {
        try {
          const response = await fetch(`/api/jobs/${jobId}/events`, {
            headers: lastEventId ? { "Last-Event-ID": lastEventId } : {},
            cache: "no-store",
            signal: aborter.signal,
          });
          if (response.status >= 400 && response.status < 500) {
            const body = (await response.json().catch(() => ({}))) as { error?: string };
            setError(body.error ?? `The log could not be read (HTTP ${response.status}).`);
            return;
          }
          if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
          const parser = new SseParser();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done: ended } = await reader.read();
            if (ended) break;
            for (const event of parser.push(value)) {
              lastEventId = event.lastEventId;
              if (event.event === "message")
                add({ cursor: event.lastEventId, raw: event.data, line: parseCliLine(event.data) });
              else if (event.event === "end") add({ cursor: event.lastEventId, raw: null, line: null });
              // Sent once the log is complete: the job has finished and will not run again on its own.
              else if (event.event === "done") {
                if (timer) clearTimeout(timer);
                flush();
                setDone(true);
                return;
              }
            }
          }
          retryMs = parser.retryMs ?? retryMs;
        } catch {
          if (aborter.signal.aborted) return;
        }
        // The server ends long streams on purpose, and networks drop them: resume after the last line we have.
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    };
    void follow();
    return () => {
      aborter.abort();
      if (timer) clearTimeout(timer);
    };
  }, [jobId, attempt]);

  return { entries, done, error, toolCalls: toolCalls.current };
}
