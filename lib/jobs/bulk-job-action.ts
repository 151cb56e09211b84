import "server-only";
import { z } from "zod";
import { jobIdSchema } from "../job-id";
import { jobListQuerySchema } from "../job-view";
import { cancelJob } from "./cancel-job";
import { deleteJob } from "./delete-job";
import { listMatchingJobIds } from "./list-jobs";
import { retryJob } from "./retry-job";

export const BULK_MAX_JOBS = 1000;
/** Jobs handled at once: enough to be quick, few enough that Redis and the disk are not swamped. */
const BULK_CONCURRENCY = 8;

/**
 * Cancel, retry or delete many jobs: the ones chosen (`ids`), or every job of a tab that matches a search (`query`,
 * what "select all" means); "retry every failed job" is `{"action": "retry", "query": {"tab": "failed"}}`, which
 * never includes a cancelled job (those have their own tab).
 */
export const bulkActionSchema = z
  .strictObject({
    action: z.enum(["cancel", "retry", "delete"], { error: "The action is cancel, retry or delete" }),
    ids: z
      .array(jobIdSchema)
      .min(1, { error: "Choose at least one job" })
      .max(BULK_MAX_JOBS, { error: `At most ${BULK_MAX_JOBS} jobs at once` })
      .optional(),
    query: jobListQuerySchema.omit({ page: true, failedSince: true }).optional(),
  })
  .refine((input) => (input.ids === undefined) !== (input.query === undefined), {
    error: 'Say which jobs: "ids", or "query" for every job of a tab that matches a search (one of the two)',
  });
export type BulkAction = z.infer<typeof bulkActionSchema>;

/** What a bulk command did: the jobs it was applied to, and those it could not be, each with why. */
export const bulkOutcomeSchema = z.object({
  done: z.array(z.string()),
  refused: z.array(z.object({ id: z.string(), error: z.string() })),
});
export type BulkResult =
  | ({ ok: true } & z.infer<typeof bulkOutcomeSchema>)
  | { ok: false; status: 400; error: string };

const COMMANDS = { cancel: cancelJob, retry: retryJob, delete: deleteJob };

/** Each job gets the one command a person would give it; those it cannot apply to are listed with why. */
export async function bulkJobAction(input: BulkAction): Promise<BulkResult> {
  const ids = input.ids ?? (await listMatchingJobIds(input.query ?? { tab: "all", q: "" }));
  if (ids.length > BULK_MAX_JOBS)
    return {
      ok: false,
      status: 400,
      error: `${ids.length} jobs match: at most ${BULK_MAX_JOBS} at once. Narrow the search, or act on them page by page.`,
    };
  const command = COMMANDS[input.action];
  const done: string[] = [];
  const refused: { id: string; error: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        const result = await command(id);
        if (result.ok) done.push(id);
        else refused.push({ id, error: result.error });
      }
    }),
  );
  return { ok: true, done, refused };
}
