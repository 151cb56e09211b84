import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JobDetailView } from "@/components/job-detail";
import { jobIdSchema } from "@/lib/job-id";
import { jobTitle } from "@/lib/job-view";
import { getJobDetail } from "@/lib/jobs/get-job";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: PageProps<"/jobs/[id]">): Promise<Metadata> {
  const id = jobIdSchema.safeParse((await props.params).id);
  const job = id.success ? await getJobDetail(id.data) : null;
  return { title: job ? jobTitle(job) : "No such job" };
}

export default async function JobPage(props: PageProps<"/jobs/[id]">) {
  const id = jobIdSchema.safeParse((await props.params).id);
  if (!id.success) notFound();
  const job = await getJobDetail(id.data);
  if (!job) notFound();
  return <JobDetailView initial={job} />;
}
