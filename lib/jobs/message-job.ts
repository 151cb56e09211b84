import "server-only";
import { recordJobInput } from "../approvals/tool-requests";
import { getJobQueue, getQueueRedis } from "../queue";

export type MessageResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

/** Why a job cannot take a message or an interrupt now, or undefined when it can. */
async function notListening(id: string): Promise<MessageResult | undefined> {
  const job = await getJobQueue().getJob(id);
  if (!job) return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted.` };
  if (job.data.toolApprovals !== "ask")
    return {
      ok: false,
      status: 409,
      error:
        "This job does not take messages: only a job started with Ask me before tools run keeps its CLI listening.",
    };
  const state = await job.getState();
  if (state !== "active")
    return {
      ok: false,
      status: 409,
      error: `The job is ${state}: a message reaches only a running job. Follow it up instead once it has ended.`,
    };
  return undefined;
}

/** A person's message to a running job: its next user turn (folded into the current one if it is mid-turn). */
export async function messageJob(id: string, text: string, by: string): Promise<MessageResult> {
  const refused = await notListening(id);
  if (refused) return refused;
  await recordJobInput(getQueueRedis(), id, { kind: "message", text, by });
  return { ok: true };
}

/** Stops the running job's current turn; the job then waits for a message (within its idle timeout) or ends. */
export async function interruptJob(id: string, by: string): Promise<MessageResult> {
  const refused = await notListening(id);
  if (refused) return refused;
  await recordJobInput(getQueueRedis(), id, { kind: "interrupt", by });
  return { ok: true };
}
