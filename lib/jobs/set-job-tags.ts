import "server-only";
import { z } from "zod";
import { TAG_LIST_MAX, tagSchema } from "../job-spec";
import { getJobQueue } from "../queue";

export const jobTagsInputSchema = z.strictObject({
  tags: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value.split(/[,\s]+/).filter(Boolean)
        : Array.isArray(value)
          ? [...new Set(value)]
          : value,
    z.array(tagSchema).max(TAG_LIST_MAX, { error: `Tags: at most ${TAG_LIST_MAX}` }),
  ),
});

export type SetTagsResult = { ok: true; tags: string[] } | { ok: false; status: 404; error: string };

/** A job's tags, changed at any time: they label it, and change nothing of how it runs. */
export async function setJobTags(id: string, tags: string[]): Promise<SetTagsResult> {
  const job = await getJobQueue().getJob(id);
  if (!job)
    return {
      ok: false,
      status: 404,
      error: `There is no job ${id} in the queue: it was deleted, or cancelled before it ran (its record keeps its tags).`,
    };
  const unique = [...new Set(tags)];
  const { tags: _old, ...rest } = job.data;
  await job.updateData(unique.length > 0 ? { ...rest, tags: unique } : rest);
  return { ok: true, tags: unique };
}
