import { z } from "zod";

// The CLI's control protocol over stdin and stdout, in `-p --input-format stream-json --output-format stream-json
// --permission-prompt-tool stdio` runs: the CLI asks before a tool runs (and for AskUserQuestion's answers), the host
// answers, interrupts a turn, or sends the next message. Shapes as measured on 2.1.332 and 2.1.197
// (../shared/claude-cli/interactive.md; transcripts in test/fixtures/claude-cli/interactive/).

/** A permission change the CLI suggests with a request ("always allow this"), sent back as it came to apply it. */
export const permissionSuggestionSchema = z.looseObject({ type: z.string() });
export type PermissionSuggestion = z.infer<typeof permissionSuggestionSchema>;

/** The CLI asks whether a tool may run: the tool, its input in full, and what the CLI would allow for good. */
export const canUseToolRequestSchema = z.looseObject({
  subtype: z.literal("can_use_tool"),
  tool_name: z.string(),
  display_name: z.string().optional(),
  input: z.record(z.string(), z.unknown()),
  description: z.string().optional(),
  permission_suggestions: z.array(permissionSuggestionSchema).optional(),
  decision_reason: z.string().optional(),
  decision_reason_type: z.string().optional(),
  tool_use_id: z.string(),
  /** Set (2.1.332) for AskUserQuestion, whose "permission" is a person's answers. */
  requires_user_interaction: z.boolean().optional(),
});
export type CanUseToolRequest = z.infer<typeof canUseToolRequestSchema>;

export const controlRequestEventSchema = z.looseObject({
  type: z.literal("control_request"),
  request_id: z.string(),
  request: z.looseObject({ subtype: z.string() }),
});
export type ControlRequestEvent = z.infer<typeof controlRequestEventSchema>;

/** The CLI withdraws a request of its own (an interrupt came while it waited): its dialog closes. */
export const controlCancelRequestEventSchema = z.looseObject({
  type: z.literal("control_cancel_request"),
  request_id: z.string(),
});
export type ControlCancelRequestEvent = z.infer<typeof controlCancelRequestEventSchema>;

/** The CLI's answer to a request of the host's (interrupt, initialize). */
export const controlResponseEventSchema = z.looseObject({
  type: z.literal("control_response"),
  response: z.looseObject({
    subtype: z.enum(["success", "error"]),
    request_id: z.string(),
    response: z.unknown().optional(),
    error: z.string().optional(),
  }),
});
export type ControlResponseEvent = z.infer<typeof controlResponseEventSchema>;

/**
 * The worker's own log line for an answer it gave the CLI (from a person, or its own on a timeout): the CLI prints
 * nothing when it reads one, so this is what the log shows of it.
 */
export const requestAnsweredEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("request_answered"),
  request_id: z.string(),
  decision: z.enum(["allow", "allow-always", "deny", "answer"]),
  message: z.string().optional(),
  /** Who answered (a session, a token by name); unset when the dashboard itself refused it. */
  by: z.string().optional(),
});
export type RequestAnsweredEvent = z.infer<typeof requestAnsweredEventSchema>;

/** The worker's log lines for what a person sent a running job: a message (the user's turn), an interrupt. */
export const messageSentEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("message_sent"),
  text: z.string(),
  by: z.string().optional(),
});
export type MessageSentEvent = z.infer<typeof messageSentEventSchema>;
export const interruptedEventSchema = z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("interrupted"),
  by: z.string().optional(),
});
export type InterruptedEvent = z.infer<typeof interruptedEventSchema>;

/** A tool request's content, when the request is one the host must answer. */
export function canUseToolOf(event: ControlRequestEvent): CanUseToolRequest | undefined {
  const parsed = canUseToolRequestSchema.safeParse(event.request);
  return parsed.success ? parsed.data : undefined;
}

/** AskUserQuestion's input: one to four questions, each with two to four options. */
export const askUserQuestionInputSchema = z.looseObject({
  questions: z
    .array(
      z.looseObject({
        question: z.string(),
        header: z.string().optional(),
        options: z.array(z.looseObject({ label: z.string(), description: z.string().optional() })),
        multiSelect: z.boolean().optional(),
      }),
    )
    .min(1),
});
export type AskUserQuestionInput = z.infer<typeof askUserQuestionInputSchema>;

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

/** A user turn: the first prompt, or a message sent while the job runs (the CLI folds one sent mid-turn in). */
export function userMessageLine(text: string): string {
  return line({ type: "user", message: { role: "user", content: text } });
}

/**
 * Lets a requested tool run. The input always goes back (2.1.197 refuses an allow without it), as asked or edited;
 * `always` are the request's suggestions to apply for the rest of the session.
 */
export function allowLine(
  requestId: string,
  input: Record<string, unknown>,
  always: PermissionSuggestion[] = [],
): string {
  return controlResponseLine(requestId, {
    behavior: "allow",
    updatedInput: input,
    // "session": for this job alone, never written to the directory's settings.
    ...(always.length > 0
      ? { updatedPermissions: always.map((suggestion) => ({ ...suggestion, destination: "session" })) }
      : {}),
  });
}

/** Refuses a requested tool; the model receives `message` as the tool's error, and the turn goes on. */
export function denyLine(requestId: string, message: string): string {
  return controlResponseLine(requestId, { behavior: "deny", message });
}

/** AskUserQuestion answered: its input as asked, with the answers keyed by each question's text. */
export function answerLine(
  requestId: string,
  input: AskUserQuestionInput,
  answers: Record<string, string>,
): string {
  return allowLine(requestId, { ...input, answers });
}

/** Stops the current turn; the process stays for the next message. */
export function interruptLine(requestId: string): string {
  return line({ type: "control_request", request_id: requestId, request: { subtype: "interrupt" } });
}

function controlResponseLine(requestId: string, response: Record<string, unknown>): string {
  return line({
    type: "control_response",
    response: { subtype: "success", request_id: requestId, response },
  });
}
