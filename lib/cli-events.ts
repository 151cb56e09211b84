import { z } from "zod";
import {
  type ControlCancelRequestEvent,
  type ControlRequestEvent,
  type ControlResponseEvent,
  controlCancelRequestEventSchema,
  controlRequestEventSchema,
  controlResponseEventSchema,
  type InterruptedEvent,
  interruptedEventSchema,
  type MessageSentEvent,
  messageSentEventSchema,
  type RequestAnsweredEvent,
  requestAnsweredEventSchema,
} from "./cli/control-protocol";
import { type IsolationEvent, isolationEventSchema } from "./workers/job-isolation";

// Schemas for the lines `claude -p --output-format stream-json --verbose` prints (see docs/ARCHITECTURE.md).
// Objects are loose: the CLI adds fields between versions, and we keep what we do not know.

const usageSchema = z.looseObject({
  input_tokens: z.number().optional(),
  output_tokens: z.number().optional(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});

const textBlockSchema = z.looseObject({ type: z.literal("text"), text: z.string() });
const toolUseBlockSchema = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const toolResultBlockSchema = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string(),
  content: z.unknown(),
  is_error: z.boolean().optional(),
});
const otherBlockSchema = z.looseObject({ type: z.string() });
const contentBlockSchema = z.union([
  textBlockSchema,
  toolUseBlockSchema,
  toolResultBlockSchema,
  otherBlockSchema,
]);

export const systemInitEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("init"),
  session_id: z.string(),
  cwd: z.string().optional(),
  model: z.string().optional(),
  permissionMode: z.string().optional(),
  apiKeySource: z.string().optional(),
  tools: z.array(z.string()).optional(),
  claude_code_version: z.string().optional(),
  /** The MCP servers the CLI loaded, and where from; a shape this schema does not know reads as none. */
  mcp_servers: z
    .array(z.looseObject({ name: z.string(), status: z.string(), source: z.string().optional() }))
    .optional()
    .catch(undefined),
  /** Protocol features the CLI has (since 2.1.205), such as `interrupt_receipt_v1`; absent on older ones. */
  capabilities: z.array(z.string()).optional().catch(undefined),
});

export const apiRetryEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("api_retry"),
  attempt: z.number(),
  max_retries: z.number(),
  retry_delay_ms: z.number().optional(),
  error_status: z.number().nullable().optional(),
  error: z.string().optional(),
});

/** Only with --include-partial-messages: before each model request. */
export const statusEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("status"),
  status: z.string(),
});

/** A Bash-tool command that has run for a few seconds, registered as a background task. */
export const taskStartedEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("task_started"),
  task_id: z.string(),
  tool_use_id: z.string().optional(),
  description: z.string().optional(),
  task_type: z.string().optional(),
});

export const taskNotificationEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("task_notification"),
  task_id: z.string(),
  tool_use_id: z.string().optional(),
  status: z.string(),
  summary: z.string().optional(),
  output_file: z.string().optional(),
});

/** A tool call the permission mode refused, with the CLI's reason, before its tool result (2.1.332 prints it, 2.1.197 not). */
export const permissionDeniedEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("permission_denied"),
  tool_name: z.string(),
  tool_use_id: z.string().optional(),
  message: z.string().optional(),
});

const otherSystemEventSchema = z.looseObject({ type: z.literal("system"), subtype: z.string() });

export const assistantEventSchema = z.looseObject({
  type: z.literal("assistant"),
  message: z.looseObject({
    id: z.string().optional(),
    model: z.string().optional(),
    content: z.array(contentBlockSchema),
    usage: usageSchema.optional(),
  }),
  parent_tool_use_id: z.string().nullable().optional(),
  /** When the CLI wrote it (ISO 8601; 2.1.x prints it on most messages): tool durations are measured with it. */
  timestamp: z.string().optional(),
  /** Set on synthetic messages the CLI makes up for failures: authentication_failed, rate_limit, … */
  error: z.string().optional(),
});

export const userEventSchema = z.looseObject({
  type: z.literal("user"),
  message: z.looseObject({ content: z.union([z.string(), z.array(contentBlockSchema)]) }),
  parent_tool_use_id: z.string().nullable().optional(),
  timestamp: z.string().optional(),
});

export const permissionDenialSchema = z.looseObject({
  tool_name: z.string(),
  tool_use_id: z.string().optional(),
  tool_input: z.unknown().optional(),
});

export const resultEventSchema = z.looseObject({
  type: z.literal("result"),
  subtype: z.string(),
  is_error: z.boolean(),
  result: z.string().nullish(),
  errors: z.array(z.string()).optional(),
  session_id: z.string().optional(),
  num_turns: z.number().optional(),
  duration_ms: z.number().optional(),
  total_cost_usd: z.number().optional(),
  usage: usageSchema.optional(),
  api_error_status: z.number().nullish(),
  permission_denials: z.array(permissionDenialSchema).optional(),
  terminal_reason: z.string().nullish(),
});

const streamEventSchema = z.looseObject({ type: z.literal("stream_event"), event: z.unknown() });

/**
 * The account's usage limit, as the CLI hears of it: `rejected` when a request was refused for it, with `resetsAt`
 * (seconds since 1970) when the limit's window ends.
 */
export const rateLimitEventSchema = z.looseObject({
  type: z.literal("rate_limit_event"),
  rate_limit_info: z.looseObject({
    status: z.string(),
    resetsAt: z.number().optional(),
    rateLimitType: z.string().optional(),
  }),
});
export type RateLimitEvent = z.infer<typeof rateLimitEventSchema>;

export type SystemInitEvent = z.infer<typeof systemInitEventSchema>;
export type ApiRetryEvent = z.infer<typeof apiRetryEventSchema>;
export type TaskStartedEvent = z.infer<typeof taskStartedEventSchema>;
export type TaskNotificationEvent = z.infer<typeof taskNotificationEventSchema>;
export type PermissionDeniedEvent = z.infer<typeof permissionDeniedEventSchema>;
export type AssistantEvent = z.infer<typeof assistantEventSchema>;
export type UserEvent = z.infer<typeof userEventSchema>;
export type ResultEvent = z.infer<typeof resultEventSchema>;
export type PermissionDenial = z.infer<typeof permissionDenialSchema>;

/** One stdout line of the CLI, classified. Nothing the CLI prints is fatal to parse. */
export type CliLine =
  | { kind: "init"; event: SystemInitEvent }
  | { kind: "api_retry"; event: ApiRetryEvent }
  | { kind: "status"; event: z.infer<typeof statusEventSchema> }
  | { kind: "task_started"; event: TaskStartedEvent }
  | { kind: "task_notification"; event: TaskNotificationEvent }
  | { kind: "permission_denied"; event: PermissionDeniedEvent }
  /** Not the CLI's: the worker's note of what the run can reach, at its head. */
  | { kind: "isolation"; event: IsolationEvent }
  | { kind: "request_answered"; event: RequestAnsweredEvent }
  | { kind: "message_sent"; event: MessageSentEvent }
  | { kind: "interrupted"; event: InterruptedEvent }
  | { kind: "system"; event: z.infer<typeof otherSystemEventSchema> }
  | { kind: "assistant"; event: AssistantEvent }
  | { kind: "user"; event: UserEvent }
  | { kind: "result"; event: ResultEvent }
  | { kind: "stream_event"; event: z.infer<typeof streamEventSchema> }
  | { kind: "rate_limit_event"; event: RateLimitEvent }
  /** The CLI asks the host (a tool to approve, a question to answer), withdraws a request, or answers one. */
  | { kind: "control_request"; event: ControlRequestEvent }
  | { kind: "control_cancel_request"; event: ControlCancelRequestEvent }
  | { kind: "control_response"; event: ControlResponseEvent }
  /** Valid JSON of a type we do not know, or a known type whose shape changed. */
  | { kind: "unknown"; event: unknown }
  /** Not JSON at all: a warning the CLI or a wrapper printed to stdout. */
  | { kind: "text"; text: string };

const classifiers = [
  ["init", systemInitEventSchema],
  ["api_retry", apiRetryEventSchema],
  ["status", statusEventSchema],
  ["task_started", taskStartedEventSchema],
  ["task_notification", taskNotificationEventSchema],
  ["permission_denied", permissionDeniedEventSchema],
  ["isolation", isolationEventSchema],
  ["request_answered", requestAnsweredEventSchema],
  ["message_sent", messageSentEventSchema],
  ["interrupted", interruptedEventSchema],
  ["system", otherSystemEventSchema],
  ["assistant", assistantEventSchema],
  ["user", userEventSchema],
  ["result", resultEventSchema],
  ["stream_event", streamEventSchema],
  ["rate_limit_event", rateLimitEventSchema],
  ["control_request", controlRequestEventSchema],
  ["control_cancel_request", controlCancelRequestEventSchema],
  ["control_response", controlResponseEventSchema],
] as const;

const CLASSIFIER_TYPES: Record<(typeof classifiers)[number][0], string> = {
  init: "system",
  api_retry: "system",
  status: "system",
  task_started: "system",
  task_notification: "system",
  permission_denied: "system",
  isolation: "system",
  request_answered: "system",
  message_sent: "system",
  interrupted: "system",
  system: "system",
  assistant: "assistant",
  user: "user",
  result: "result",
  stream_event: "stream_event",
  rate_limit_event: "rate_limit_event",
  control_request: "control_request",
  control_cancel_request: "control_cancel_request",
  control_response: "control_response",
};

export function parseCliLine(line: string): CliLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: "text", text: line };
  }
  // Only the schemas of the line's own type are tried: a long log parses one schema per line, not ten.
  const type = value && typeof value === "object" ? (value as { type?: unknown }).type : undefined;
  for (const [kind, schema] of classifiers) {
    if (CLASSIFIER_TYPES[kind] !== type) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) return { kind, event: parsed.data } as CliLine;
  }
  return { kind: "unknown", event: value };
}

/** The argument of a tool call a person wants to see first: the path for file tools, the command for Bash. */
export function toolKeyArgument(input: unknown, cwd?: string): string {
  if (!input || typeof input !== "object") return "";
  const fields = input as Record<string, unknown>;
  const key = ["file_path", "command", "pattern", "path", "url"].find(
    (name) => typeof fields[name] === "string",
  );
  if (!key) return "";
  const value = String(fields[key]);
  // File tools take absolute paths: inside the job's directory, the part after it is what a reader needs.
  const root = cwd?.replace(/\/+$/, "");
  return root && key !== "command" && value.startsWith(`${root}/`) ? value.slice(root.length + 1) : value;
}
