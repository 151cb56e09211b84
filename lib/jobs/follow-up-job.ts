import "server-only";
import { recordFollowUp } from "../follow-ups";
import { jobSpecSchema } from "../job-spec";
import { isFinished } from "../job-view";
import { getQueueRedis } from "../queue";
import { getJobDetail } from "./get-job";
import { type SubmitResult, submitJob } from "./submit-job";

/**
 * A new job that resumes a finished job's CLI session with a new prompt, in the same working directory and with
 * the same settings, linked to it.
 */
export async function followUpJob(
  parentId: string,
  prompt: string,
): Promise<SubmitResult | { ok: false; status: 404 | 409; error: string }> {
  const parent = await getJobDetail(parentId);
  if (!parent)
    return { ok: false, status: 404, error: `There is no job ${parentId}: it may have been deleted.` };
  if (!isFinished(parent.state)) {
    return {
      ok: false,
      status: 409,
      error: "Follow up once the job has finished: its session is still being written.",
    };
  }
  const sessionId = parent.result?.sessionId ?? parent.progress?.sessionId;
  if (!sessionId)
    return {
      ok: false,
      status: 409,
      error: "The job never started a Claude session, so there is nothing to follow up on.",
    };
  const { title: _title, delaySeconds: _delay, prompt: _prompt, ...settings } = parent.spec;
  const spec = jobSpecSchema.safeParse({
    ...settings,
    prompt,
    resumeSessionId: sessionId,
    parentJobId: parentId,
  });
  if (!spec.success)
    return { ok: false, status: 409, error: spec.error.issues[0]?.message ?? "Bad follow-up" };
  const submitted = await submitJob(spec.data);
  if (submitted.ok) await recordFollowUp(getQueueRedis(), parentId, submitted.id);
  return submitted;
}
