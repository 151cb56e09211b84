import "server-only";
import { z } from "zod";
import { askingJobIds } from "../approvals/tool-requests";
import { jobLabel } from "../job-spec";
import { getJobQueue, getQueueRedis } from "../queue";

export const attentionSchema = z.object({
  /** Running jobs whose CLI waits for a person's answer, oldest first. */
  needYou: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type Attention = z.infer<typeof attentionSchema>;

/** What needs a person now, whatever page they are on: for the tab's title, its icon and notifications. */
export async function getAttention(): Promise<Attention> {
  const queue = getJobQueue();
  const active = await queue.getRanges(["active"], 0, -1);
  const asking = await askingJobIds(getQueueRedis(), active.sort());
  const jobs = await Promise.all(asking.map((id) => queue.getJob(id)));
  return {
    needYou: jobs.flatMap((job) => (job?.id ? [{ id: job.id, label: jobLabel(job.data) }] : [])),
  };
}
