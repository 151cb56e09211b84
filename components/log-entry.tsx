"use client";

import { canUseToolOf } from "@/lib/cli/control-protocol";
import { toolResultText } from "@/lib/cli/line-text";
import { resultLabel } from "@/lib/cli/result-label";
import { type CliLine, type ResultEvent, toolKeyArgument } from "@/lib/cli-events";
import { countOf, formatCost, formatDuration } from "@/lib/format";
import { ISOLATION_LABELS } from "@/lib/workers/job-isolation";
import { Markdown } from "./markdown";
import { ToolIcon } from "./tool-icon";
import type { LogEntry, ToolCall } from "./use-job-log-stream";

/** A result's turns and cost, for a result line whose text is already on the page. */
function resultFigures(event: ResultEvent): string {
  const parts = [
    event.num_turns === undefined ? "" : countOf(event.num_turns, "turn"),
    event.total_cost_usd === undefined ? "" : formatCost(event.total_cost_usd),
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

const TASK_ENDS: Record<string, string> = {
  completed: "Command finished",
  failed: "Command failed",
  stopped: "Command stopped",
  killed: "Command stopped",
};

/** A folded tool result shows this much when opened, until "show all". */
const PREVIEW_LINES = 20;
const PREVIEW_CHARS = 4000;

export interface Folds {
  isOpen: (key: string) => boolean;
  toggle: (key: string) => void;
}

/** One line of the CLI's output as part of a conversation: prose, tool calls and their results, notices. */
export function LogEntryView({
  entry,
  toolCalls,
  folds,
  cancelled,
}: {
  entry: LogEntry;
  toolCalls: Map<string, ToolCall>;
  folds: Folds;
  /** The job was cancelled: its run's last words are no result. */
  cancelled: boolean;
}) {
  if (!entry.line) {
    return (
      <p className="border-t border-dashed border-zinc-300 pt-1 text-center text-xs text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">
        end of run
      </p>
    );
  }
  if (entry.repeats) return null;
  return renderLine(entry, entry.line, toolCalls, folds, cancelled);
}

const ANSWER_LABELS = {
  allow: "Allowed once",
  "allow-always": "Allowed for the rest of the job",
  deny: "Refused",
  answer: "Answered",
} as const;

function renderLine(
  { cursor, echoes }: LogEntry,
  line: CliLine,
  toolCalls: Map<string, ToolCall>,
  folds: Folds,
  cancelled: boolean,
) {
  switch (line.kind) {
    case "init":
      return (
        <p className="[overflow-wrap:anywhere] text-xs text-zinc-500 dark:text-zinc-400">
          Session {line.event.session_id} started · model {line.event.model ?? "default"} ·{" "}
          {line.event.permissionMode}
        </p>
      );
    case "isolation":
      return (
        <p
          data-kind="isolation"
          data-level={line.event.level}
          className={`text-xs ${line.event.level === "sandbox" ? "text-zinc-500 dark:text-zinc-400" : "rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
        >
          <span className="font-semibold">{ISOLATION_LABELS[line.event.level]}:</span> {line.event.detail}
        </p>
      );
    case "rate_limit_event": {
      const { status, resetsAt, rateLimitType } = line.event.rate_limit_info;
      if (status !== "rejected") return null;
      return (
        <p
          data-kind="usage-limit"
          className="rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          The account's {rateLimitType ? `${rateLimitType.replace(/_/g, " ")} ` : ""}usage limit refused a
          request
          {resetsAt ? `; it resets at ${new Date(resetsAt * 1000).toLocaleString()}` : ""}.
        </p>
      );
    }
    case "api_retry":
      return (
        <p
          data-kind="api-retry"
          className="rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          API error {line.event.error_status ?? ""} ({line.event.error ?? "unknown"}): retry{" "}
          {line.event.attempt} of {line.event.max_retries}
        </p>
      );
    case "assistant":
      return (
        <div
          data-kind="assistant"
          className={`space-y-1 ${line.event.error ? "rounded bg-red-50 px-2 py-1 text-red-800 dark:bg-red-950 dark:text-red-200" : ""}`}
        >
          {line.event.message.content.map((block, index) => {
            const key = `${cursor}:${index}`;
            if (block.type === "tool_use" && "name" in block)
              return (
                <ToolCallCard
                  key={key}
                  foldKey={key}
                  call={
                    toolCalls.get(String("id" in block ? block.id : "")) ?? {
                      name: String(block.name),
                      input: block.input,
                      status: "done",
                    }
                  }
                  folds={folds}
                />
              );
            if (block.type === "text" && "text" in block)
              return <Markdown key={key} text={String(block.text)} />;
            if (block.type === "thinking" && "thinking" in block)
              return (
                <p
                  key={key}
                  className="whitespace-pre-wrap font-sans text-xs italic text-zinc-500 dark:text-zinc-400"
                >
                  {String(block.thinking)}
                </p>
              );
            return null;
          })}
        </div>
      );
    case "user": {
      const content = line.event.message.content;
      if (typeof content === "string")
        return <p className="whitespace-pre-wrap font-sans text-zinc-500 dark:text-zinc-400">{content}</p>;
      return (
        <div className="space-y-1">
          {content.map((block, index) =>
            block.type === "tool_result" ? (
              <ToolResult
                // biome-ignore lint/suspicious/noArrayIndexKey: a message's blocks never reorder
                key={index}
                foldKey={`${cursor}:${index}`}
                call={toolCalls.get(String("tool_use_id" in block ? block.tool_use_id : ""))}
                content={"content" in block ? block.content : ""}
                isError={"is_error" in block && block.is_error === true}
                folds={folds}
              />
            ) : null,
          )}
        </div>
      );
    }
    case "result":
      return (
        <p
          data-kind="result"
          className={
            cancelled
              ? "font-semibold text-zinc-600 dark:text-zinc-400"
              : line.event.is_error
                ? "rounded bg-red-50 px-2 py-1 font-semibold text-red-800 dark:bg-red-950 dark:text-red-200"
                : "font-semibold text-green-700 dark:text-green-400"
          }
        >
          {resultLabel(line.event, cancelled)}:{" "}
          {echoes ? (
            <span className="font-normal">
              {line.event.is_error ? "as above" : "the answer above"}
              {resultFigures(line.event)}
            </span>
          ) : (
            (line.event.result ?? line.event.errors?.join("; ") ?? "")
          )}
        </p>
      );
    // The CLI registers any command that runs for a few seconds as a task: most are ordinary foreground ones.
    case "task_started":
      return (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Still running: {line.event.description ?? line.event.task_id}
        </p>
      );
    case "task_notification":
      return (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {TASK_ENDS[line.event.status] ?? `Command ${line.event.status}`}
          {line.event.summary ? `: ${line.event.summary}` : ""}
        </p>
      );
    case "control_request": {
      const ask = canUseToolOf(line.event);
      return ask ? (
        <p
          data-kind="request"
          className="rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {ask.tool_name === "AskUserQuestion"
            ? "Claude asks you a question."
            : `Claude asks to use ${ask.tool_name}${ask.description ? `: ${ask.description}` : ""}.`}
        </p>
      ) : null;
    }
    case "control_cancel_request":
      return <p className="text-xs text-zinc-500 dark:text-zinc-400">Claude withdrew its request.</p>;
    case "request_answered":
      return (
        <p data-kind="request-answered" className="text-xs text-zinc-600 dark:text-zinc-300">
          {ANSWER_LABELS[line.event.decision]}
          {line.event.by ? ` by ${line.event.by}` : ""}
          {line.event.message ? `: ${line.event.message}` : "."}
        </p>
      );
    case "message_sent":
      return (
        <div data-kind="message" className="rounded bg-indigo-50 px-2 py-1 dark:bg-indigo-950">
          <span className="text-xs font-semibold text-indigo-800 dark:text-indigo-200">
            Message{line.event.by ? ` from ${line.event.by}` : ""}:{" "}
          </span>
          <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">{line.event.text}</span>
        </div>
      );
    case "interrupted":
      return (
        <p data-kind="interrupted" className="text-xs text-amber-800 dark:text-amber-200">
          Interrupted{line.event.by ? ` by ${line.event.by}` : ""}: Claude stops this turn and waits for the
          next message.
        </p>
      );
    case "text":
      return <p className="[overflow-wrap:anywhere] text-zinc-500 dark:text-zinc-400">{line.text}</p>;
    default:
      return null;
  }
}

function ToolCallCard({ call, foldKey, folds }: { call: ToolCall; foldKey: string; folds: Folds }) {
  const open = folds.isOpen(foldKey);
  return (
    <div data-kind="tool-call" className="rounded border border-zinc-200 dark:border-zinc-800">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => folds.toggle(foldKey)}
        className="flex w-full items-baseline gap-2 px-2 py-1 text-left hover:bg-zinc-50 dark:hover:bg-zinc-900"
      >
        <span aria-hidden className="text-zinc-500 dark:text-zinc-400">
          {open ? "▾" : "▸"}
        </span>
        <ToolIcon name={call.name} />
        <span className="font-semibold">{call.name}</span>
        <span className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-400">
          {toolKeyArgument(call.input, call.cwd)}
        </span>
        <ToolCallTime call={call} />
      </button>
      {open && (
        <TruncatedText text={JSON.stringify(call.input, null, 2)} foldKey={`${foldKey}:all`} folds={folds} />
      )}
    </div>
  );
}

/** How long a call took, or that it is still running (a pulsing mark) or never finished. */
function ToolCallTime({ call }: { call: ToolCall }) {
  const className = "shrink-0 font-sans text-xs text-zinc-600 tabular-nums dark:text-zinc-400";
  if (call.status === "running")
    return (
      <span data-testid="tool-time" className={`${className} inline-flex items-center gap-1`}>
        <span className="size-1.5 animate-pulse rounded-full bg-blue-600 dark:bg-blue-400" aria-hidden />
        running
      </span>
    );
  if (call.status === "stopped")
    return (
      <span data-testid="tool-time" className={className}>
        stopped
      </span>
    );
  if (call.startedAt === undefined || call.endedAt === undefined) return null;
  return (
    <span data-testid="tool-time" className={className} title="From the call to its result">
      {formatDuration(call.endedAt - call.startedAt)}
    </span>
  );
}

function ToolResult({
  call,
  content,
  isError,
  foldKey,
  folds,
}: {
  call: ToolCall | undefined;
  content: unknown;
  isError: boolean;
  foldKey: string;
  folds: Folds;
}) {
  const text = toolResultText(content);
  const open = folds.isOpen(foldKey);
  // Older CLIs print no permission_denied event: their refusals are known by the tool result's words.
  const denied =
    isError &&
    (call?.refusal !== undefined ||
      /requested permissions|haven't granted|^Permission to use \S+ has been denied/.test(text));
  const lines = text.split("\n").length;
  const tone = denied
    ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    : isError
      ? "border-red-300 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
      : "border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400";
  return (
    <div
      data-kind={denied ? "permission-denied" : isError ? "tool-error" : "tool-result"}
      className={`ml-4 rounded border text-xs ${tone}`}
    >
      <button
        type="button"
        aria-expanded={open}
        onClick={() => folds.toggle(foldKey)}
        className="flex w-full items-baseline gap-2 px-2 py-1 text-left"
      >
        <span aria-hidden>{open ? "▾" : "▸"}</span>
        <span className="shrink-0 font-semibold">
          {denied ? "Refused" : isError ? "Error from" : "Result of"} {call?.name ?? "a tool"}
        </span>
        <span className="truncate opacity-80">
          {open ? `${lines} line${lines === 1 ? "" : "s"}` : firstLine(text)}
        </span>
      </button>
      {open && <TruncatedText text={text} foldKey={`${foldKey}:all`} folds={folds} />}
    </div>
  );
}

/** Long text cut to its first lines, with a button that shows it all. */
function TruncatedText({ text, foldKey, folds }: { text: string; foldKey: string; folds: Folds }) {
  const lines = text.split("\n");
  const cut = lines.length > PREVIEW_LINES || text.length > PREVIEW_CHARS;
  const all = folds.isOpen(foldKey);
  const shown = cut && !all ? lines.slice(0, PREVIEW_LINES).join("\n").slice(0, PREVIEW_CHARS) : text;
  return (
    <div className="border-t border-inherit px-2 py-1">
      <pre className="whitespace-pre-wrap [overflow-wrap:anywhere]">{shown}</pre>
      {cut && (
        <button
          type="button"
          onClick={() => folds.toggle(foldKey)}
          className="mt-1 font-sans font-medium underline"
        >
          {all
            ? "Show less"
            : `Show all (${lines.length} lines, ${text.length.toLocaleString("en")} characters)`}
        </button>
      )}
    </div>
  );
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
