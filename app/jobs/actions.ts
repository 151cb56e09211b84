"use server";

import { type BulkResult, bulkActionSchema, bulkJobAction } from "@/lib/jobs/bulk-job-action";

/** The list's bulk bar: one command for the chosen jobs, or for every job of the tab that matches the search. */
export async function bulkJobsAction(input: unknown): Promise<BulkResult> {
  const parsed = bulkActionSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, status: 400, error: parsed.error.issues[0]?.message ?? "Bad request" };
  return bulkJobAction(parsed.data);
}
