import "server-only";
import { getJobQueue } from "../queue";

/** True when nothing more will happen to the job on its own: completed, failed for good, or gone (cancelled). */
export async function isJobFinished(id: string): Promise<boolean> {
  const state = await getJobQueue().getJobState(id);
  return state === "completed" || state === "failed" || state === "unknown";
}
