import type { Metadata } from "next";
import { JobTable } from "@/components/job-table";
import { APP_TITLE } from "@/lib/app-title";
import { jobListQuerySchema, LIST_ADDRESS_FIELDS } from "@/lib/job-view";
import { listJobs } from "@/lib/jobs/list-jobs";

export const dynamic = "force-dynamic";

// The root layout's title template does not apply to a page of its own segment.
export const metadata: Metadata = { title: { absolute: `Jobs · ${APP_TITLE}` } };

export default async function JobsPage({ searchParams }: PageProps<"/">) {
  // A bad address (an unknown tab, say) shows the first page of all jobs rather than an error.
  const params = Object.fromEntries(
    Object.entries(await searchParams).filter(([key]) => LIST_ADDRESS_FIELDS.includes(key)),
  );
  const query = jobListQuerySchema.safeParse(params).data ?? jobListQuerySchema.parse({});
  let initial: Awaited<ReturnType<typeof listJobs>>;
  try {
    initial = await listJobs(query);
  } catch (error) {
    return (
      <p
        role="alert"
        className="rounded-md bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950 dark:text-red-200"
      >
        The dashboard cannot reach Redis: {(error as Error).message}. Check that Redis runs and REDIS_URL
        points at it.
      </p>
    );
  }
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Jobs</h1>
      <JobTable initial={initial} initialQuery={{ ...query, page: initial.page }} />
    </>
  );
}
