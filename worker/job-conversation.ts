import type { Redis } from "ioredis";
import {
  closeToolRequests,
  type JobInput,
  lastToolAnswerId,
  openToolRequest,
  readJobInputs,
  type ToolAnswer,
  type ToolRequest,
} from "@/lib/approvals/tool-requests";
import {
  allowLine,
  answerLine,
  askUserQuestionInputSchema,
  type CanUseToolRequest,
  canUseToolOf,
  denyLine,
  interruptLine,
  userMessageLine,
} from "@/lib/cli/control-protocol";
import type { CliLine } from "@/lib/cli-events";
import type { CliControls } from "./cli-run";

/** How often an interactive run looks for answers, messages and interrupts. */
const ANSWER_POLL_MS = 200;

const SHUTTING_DOWN =
  "The worker running this job is shutting down, so no one can answer: refused, and the job goes on without it.";
const WORKER_STOPPED =
  "The worker running this job stopped (restarted, or killed) before anyone answered: the request went with it, and the job runs again from its start.";

/** The log line for a request whose run died before it was answered, written by the job's next run. */
export function workerStoppedRefusal(requestId: string): string {
  return JSON.stringify({
    type: "system",
    subtype: "request_answered",
    request_id: requestId,
    decision: "deny",
    message: WORKER_STOPPED,
  });
}

interface OpenRequest {
  request: ToolRequest;
  ask: CanUseToolRequest;
  timer: NodeJS.Timeout;
}

/**
 * The worker's side of an interactive run: each request of the CLI is kept open in Redis for a person, its answer
 * written to the CLI's stdin as it arrives, and its log line written for it; a request unanswered in time is refused
 * with that reason. While anyone is being asked the run is not idle; once a turn ends with nothing open, stdin closes
 * and the CLI ends.
 */
export class JobConversation {
  private controls?: CliControls;
  private readonly open = new Map<string, OpenRequest>();
  private poll?: NodeJS.Timeout;
  private reading = false;
  /** An interrupted turn has ended: the run waits for a person's next message (within its idle timeout). */
  private waitingForMessage = false;
  private interrupts = 0;

  private constructor(
    private readonly options: {
      redis: Redis;
      jobId: string;
      fence: string;
      cwd: string;
      timeoutMs: number;
      /** The worker is shutting down: whatever is open, or asked from now on, is refused at once, saying so. */
      stopping: AbortSignal;
      /** The run starts waiting for a person: nothing was open, and now something is. */
      onWaiting: () => void;
      /** A line of the worker's own into the job's log (and its progress). */
      pushLine: (line: string) => void;
    },
    private lastAnswerId: string,
  ) {}

  /** Ready before the CLI starts: answers recorded for earlier runs are never taken for this one's. */
  static async begin(options: JobConversation["options"]): Promise<JobConversation> {
    return new JobConversation(options, await lastToolAnswerId(options.redis, options.jobId));
  }

  attach(controls: CliControls): void {
    this.controls = controls;
    this.poll = setInterval(() => void this.readAnswers(), ANSWER_POLL_MS);
    this.options.stopping.addEventListener("abort", this.refuseAll);
  }

  private readonly refuseAll = (): void => {
    for (const requestId of [...this.open.keys()])
      this.answer(requestId, { decision: "deny", message: SHUTTING_DOWN });
  };

  /**
   * Whether the CLI's last result ends the run: not after an interrupt, when it waits for a person's next message.
   */
  get resultEndsRun(): boolean {
    return !this.waitingForMessage;
  }

  /** Every line the CLI prints passes here, after the log has it. */
  onLine(line: CliLine): void {
    if (line.kind === "control_request") {
      const ask = canUseToolOf(line.event);
      if (ask) this.ask(line.event.request_id, ask);
    } else if (line.kind === "control_cancel_request") {
      this.forget(line.event.request_id);
    } else if (line.kind === "result" && this.open.size === 0 && !this.waitingForMessage) {
      this.controls?.endInput();
    }
  }

  /** The run is over: whatever is open is withdrawn from the page. */
  async end(): Promise<void> {
    clearInterval(this.poll);
    this.options.stopping.removeEventListener("abort", this.refuseAll);
    const ids = [...this.open.keys()];
    for (const { timer } of this.open.values()) clearTimeout(timer);
    this.open.clear();
    await closeToolRequests(this.options.redis, this.options.jobId, ids).catch(() => {});
  }

  private ask(requestId: string, ask: CanUseToolRequest): void {
    const now = Date.now();
    const request: ToolRequest = {
      requestId,
      fence: this.options.fence,
      kind: ask.tool_name === "AskUserQuestion" ? "question" : "tool",
      toolName: ask.tool_name,
      input: ask.input,
      ...(ask.description ? { description: ask.description } : {}),
      suggestions: ask.permission_suggestions ?? [],
      cwd: this.options.cwd,
      askedAt: now,
      expiresAt: now + this.options.timeoutMs,
    };
    const minutes = Math.round(this.options.timeoutMs / 60_000);
    const timer = setTimeout(
      () =>
        this.answer(requestId, {
          decision: "deny",
          message: `No one answered within ${minutes >= 1 ? `${minutes} minutes` : `${this.options.timeoutMs / 1000} seconds`}, so the dashboard refused it.`,
        }),
      this.options.timeoutMs,
    );
    this.open.set(requestId, { request, ask, timer });
    this.controls?.holdIdle(true);
    if (this.open.size === 1 && !this.options.stopping.aborted) this.options.onWaiting();
    if (this.options.stopping.aborted) {
      this.answer(requestId, { decision: "deny", message: SHUTTING_DOWN });
      return;
    }
    void openToolRequest(this.options.redis, this.options.jobId, request).catch((error: Error) =>
      console.error(`worker: job ${this.options.jobId}: could not keep a request open: ${error.message}`),
    );
  }

  /** `by` unset: the dashboard's own answer (a request's time ran out). */
  private answer(requestId: string, answer: ToolAnswer, by?: string): void {
    const open = this.open.get(requestId);
    if (!open) return;
    const { ask } = open;
    const line =
      answer.decision === "deny"
        ? denyLine(requestId, answer.message || "A person on the dashboard refused this tool call.")
        : answer.decision === "answer"
          ? answerQuestions(requestId, ask, answer.answers)
          : allowLine(
              requestId,
              ask.input,
              answer.decision === "allow-always" ? (ask.permission_suggestions ?? []) : [],
            );
    this.controls?.write(line);
    this.options.pushLine(
      JSON.stringify({
        type: "system",
        subtype: "request_answered",
        request_id: requestId,
        decision: answer.decision,
        ...(answer.decision === "deny" && answer.message ? { message: answer.message } : {}),
        ...(by ? { by } : {}),
      }),
    );
    this.forget(requestId);
  }

  private forget(requestId: string): void {
    const open = this.open.get(requestId);
    if (!open) return;
    clearTimeout(open.timer);
    this.open.delete(requestId);
    this.controls?.holdIdle(this.open.size > 0);
    void closeToolRequests(this.options.redis, this.options.jobId, [requestId]).catch(() => {});
  }

  private take(input: JobInput): void {
    if (input.kind === "answer") {
      this.answer(input.requestId, input.answer, input.by);
      return;
    }
    if (input.kind === "interrupt") {
      this.interrupts += 1;
      if (!this.controls?.write(interruptLine(`interrupt-${this.interrupts}`))) return;
      this.waitingForMessage = true;
      this.options.pushLine(JSON.stringify({ type: "system", subtype: "interrupted", by: input.by }));
      return;
    }
    // A message mid-turn is folded into it by the CLI; after an interrupt it starts the next turn. One that comes
    // after the last turn ended reaches no one, and the log does not claim it was sent.
    if (!this.controls?.write(userMessageLine(input.text))) return;
    this.waitingForMessage = false;
    this.options.pushLine(
      JSON.stringify({ type: "system", subtype: "message_sent", text: input.text, by: input.by }),
    );
  }

  private async readAnswers(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      for (const { id, input } of await readJobInputs(
        this.options.redis,
        this.options.jobId,
        this.lastAnswerId,
      )) {
        this.lastAnswerId = id;
        this.take(input);
      }
    } catch (error) {
      console.error(`worker: job ${this.options.jobId}: could not read answers: ${(error as Error).message}`);
    } finally {
      this.reading = false;
    }
  }
}

function answerQuestions(requestId: string, ask: CanUseToolRequest, answers: Record<string, string>): string {
  const input = askUserQuestionInputSchema.safeParse(ask.input);
  return input.success
    ? answerLine(requestId, input.data, answers)
    : allowLine(requestId, { ...ask.input, answers });
}
