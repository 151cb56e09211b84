import type { Metadata } from "next";
import { NewJobForm } from "@/components/new-job-form";
import { jobIdSchema } from "@/lib/job-id";
import { specToFormValues } from "@/lib/job-spec";
import { getJobDetail } from "@/lib/jobs/get-job";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New job" };

/** The New job form; `?from=<id>` fills it from that job's spec ("Run again"). */
export default async function NewJobPage(props: PageProps<"/jobs/new">) {
  const from = jobIdSchema.safeParse((await props.searchParams).from);
  const original = from.success ? await getJobDetail(from.data) : null;
  return (
    <div className="max-w-3xl">
      <h1 className="mb-1 text-xl font-semibold">New job</h1>
      {original && (
        <p data-testid="run-again-note" className="mb-4 text-sm text-zinc-500">
          A copy of “{original.label}”: change what you like, then run it.
        </p>
      )}
      <NewJobForm initialValues={original ? specToFormValues(original.spec) : undefined} />
    </div>
  );
}
