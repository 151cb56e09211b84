import "server-only";
import { recordToolAnswer, type ToolAnswer } from "../approvals/tool-requests";
import { getJobQueue, getQueueRedis } from "../queue";

export type AnswerResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

/** A person's answer to a running job's request; of two at once, the first is applied and the second told so. */
export async function answerJobRequest(
  id: string,
  requestId: string,
  answer: ToolAnswer,
  by: string,
): Promise<AnswerResult> {
  const state = await getJobQueue().getJobState(id);
  if (state === "unknown")
    return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  const recorded = await recordToolAnswer(getQueueRedis(), id, requestId, answer, by);
  if (recorded === "recorded") return { ok: true };
  return {
    ok: false,
    status: 409,
    error:
      recorded === "not-open"
        ? "This request is no longer open: it was withdrawn by the CLI, refused when its time ran out, or its run ended."
        : `This request was answered already, by ${recorded.answeredBy}: that answer is the one the job got.`,
  };
}
