"use server";

import { jobIdSchema } from "@/lib/job-id";
import { type CancelResult, cancelJob } from "@/lib/jobs/cancel-job";

export async function cancelJobAction(id: string): Promise<CancelResult> {
  const parsed = jobIdSchema.safeParse(id);
  if (!parsed.success)
    return { ok: false, status: 404, error: parsed.error.issues[0]?.message ?? "Bad job id" };
  return cancelJob(parsed.data);
}
