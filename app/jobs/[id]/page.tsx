import { notFound } from "next/navigation";
import { JobDetailView } from "@/components/job-detail";
import { jobIdSchema } from "@/lib/job-id";
import { getJobDetail } from "@/lib/jobs/get-job";

export const dynamic = "force-dynamic";

export default async function JobPage(props: PageProps<"/jobs/[id]">) {
  const id = jobIdSchema.safeParse((await props.params).id);
  if (!id.success) notFound();
  const job = await getJobDetail(id.data);
  if (!job) notFound();
  return <JobDetailView initial={job} />;
}
