import { z } from "zod";
import { canUseToolOf } from "./cli/control-protocol";
import { type CliLine, toolKeyArgument } from "./cli-events";
import { isolationLevelSchema } from "./workers/job-isolation";

/** Enough of a tool's argument to say what it does, in a row or a header. */
const TOOL_INPUT_CHARS = 120;

/** What a running job has done so far, folded from its CLI events and saved with job.updateProgress. */
export const jobProgressSchema = z.object({
  sessionId: z.string().optional(),
  model: z.string().optional(),
  /** The directory the CLI ran in, as its init event says: where its tools' paths are relative to. */
  cwd: z.string().optional(),
  /** The CLI version that ran, as its init event says. */
  cliVersion: z.string().optional(),
  /** The setting sources the worker let the CLI load: `user` alone unless the directory is trusted. */
  settingSources: z.array(z.string()).optional(),
  /** For a directory in a git repository: the job's own branch and checkout, and what it started from. */
  git: z
    .object({ repository: z.string(), branch: z.string(), base: z.string(), baseCommit: z.string() })
    .optional(),
  /** The CLI's requests a person has not answered yet (a tool to allow, a question): the job needs someone. */
  openRequests: z.array(z.object({ requestId: z.string(), toolName: z.string() })).optional(),
  /** How the worker kept the run from what is not its own, as its log's first line says. */
  isolation: isolationLevelSchema.optional(),
  /** The MCP servers the CLI loaded, with their status at start (connected, pending, failed…) and source. */
  mcpServers: z
    .array(z.object({ name: z.string(), status: z.string(), source: z.string().optional() }))
    .optional(),
  turns: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number().optional(),
  currentTool: z.string().optional(),
  /** The current tool's main argument in short (its command, its file), and when the CLI called it. */
  currentToolInput: z.string().optional(),
  currentToolSince: z.number().optional(),
  events: z.number(),
  lastActivityAt: z.number().optional(),
  /** API calls the CLI retried, and why the last one failed (rate_limit, overloaded, …), while it still retries. */
  apiRetries: z.number().default(0),
  /** Tool calls the permission mode refused; the list marks a completed job that had any. */
  refusals: z.number().default(0),
  lastApiError: z.string().optional(),
  /** The account's usage limit refused a request: when it resets (ms since 1970), and which limit it is. */
  usageLimit: z.object({ resetsAt: z.number(), kind: z.string().optional() }).optional(),
  /** The CLI prints one line per content block; blocks of one API message share its id and its usage. */
  lastMessageId: z.string().optional(),
});

export type JobProgress = z.infer<typeof jobProgressSchema>;

export const emptyProgress: JobProgress = {
  turns: 0,
  inputTokens: 0,
  outputTokens: 0,
  events: 0,
  apiRetries: 0,
  refusals: 0,
};

export function foldProgress(progress: JobProgress, line: CliLine, at: number): JobProgress {
  const next = { ...progress, events: progress.events + 1, lastActivityAt: at };
  switch (line.kind) {
    case "init":
      return {
        ...next,
        sessionId: line.event.session_id,
        model: line.event.model,
        cwd: line.event.cwd,
        cliVersion: line.event.claude_code_version,
        mcpServers: line.event.mcp_servers?.map(({ name, status, source }) => ({ name, status, source })),
      };
    case "assistant": {
      const message = line.event.message;
      const toolUse = message.content.find((block) => block.type === "tool_use");
      const folded: JobProgress = {
        ...next,
        lastMessageId: message.id,
        ...(toolUse && "name" in toolUse
          ? {
              currentTool: String(toolUse.name),
              currentToolInput: toolKeyArgument(toolUse.input, progress.cwd).slice(0, TOOL_INPUT_CHARS),
              currentToolSince: at,
            }
          : {}),
      };
      if (message.id === undefined || message.id !== progress.lastMessageId) {
        folded.turns = progress.turns + 1;
        folded.inputTokens = progress.inputTokens + (message.usage?.input_tokens ?? 0);
        folded.outputTokens = progress.outputTokens + (message.usage?.output_tokens ?? 0);
      }
      return folded;
    }
    case "api_retry":
      return {
        ...next,
        apiRetries: progress.apiRetries + 1,
        lastApiError:
          [line.event.error, line.event.error_status].filter((part) => part != null).join(" ") || "unknown",
      };
    case "user":
      return { ...next, currentTool: undefined, currentToolInput: undefined, currentToolSince: undefined };
    case "permission_denied":
      return { ...next, refusals: progress.refusals + 1 };
    case "rate_limit_event": {
      const { status, resetsAt, rateLimitType } = line.event.rate_limit_info;
      if (status !== "rejected" || resetsAt === undefined) return next;
      return { ...next, usageLimit: { resetsAt: resetsAt * 1000, kind: rateLimitType } };
    }
    case "isolation":
      return { ...next, isolation: line.event.level };
    case "control_request": {
      const ask = canUseToolOf(line.event);
      return ask
        ? {
            ...next,
            openRequests: [
              ...(progress.openRequests ?? []),
              { requestId: line.event.request_id, toolName: ask.tool_name },
            ],
          }
        : next;
    }
    case "control_cancel_request":
    case "request_answered":
      return {
        ...next,
        openRequests: (progress.openRequests ?? []).filter(
          (open) => open.requestId !== line.event.request_id,
        ),
      };
    case "result": {
      const { usage } = line.event;
      return {
        ...next,
        currentTool: undefined,
        currentToolInput: undefined,
        currentToolSince: undefined,
        turns: line.event.num_turns ?? progress.turns,
        // A turn's end leaves nothing to answer.
        openRequests: [],
        // Every CLI version lists them in its result; only newer ones also print each as it happens.
        refusals: line.event.permission_denials?.length ?? progress.refusals,
        costUsd: line.event.total_cost_usd ?? progress.costUsd,
        inputTokens: usage?.input_tokens ?? progress.inputTokens,
        outputTokens: usage?.output_tokens ?? progress.outputTokens,
      };
    }
    default:
      return next;
  }
}
