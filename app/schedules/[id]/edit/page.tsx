import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NewJobForm } from "@/components/new-job-form";
import { getConfig } from "@/lib/config";
import { specToFormValues } from "@/lib/job-spec";
import { jobLimits } from "@/lib/jobs/job-limits";
import { getQueueRedis } from "@/lib/queue";
import { scheduleFormValues } from "@/lib/schedules/schedule-form";
import { scheduleIdSchema } from "@/lib/schedules/schedule-id";
import { readSchedule } from "@/lib/schedules/schedule-store";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Edit schedule" };

/** The New job form, filled with a schedule's job and times: saving changes the schedule. */
export default async function EditSchedulePage(props: PageProps<"/schedules/[id]/edit">) {
  const id = scheduleIdSchema.safeParse((await props.params).id);
  const schedule = id.success ? await readSchedule(getQueueRedis(), id.data) : undefined;
  if (!schedule) notFound();
  return (
    <div className="max-w-4xl">
      <h1 className="mb-4 text-xl font-semibold">Edit “{schedule.input.name}”</h1>
      <NewJobForm
        initialValues={{ ...specToFormValues(schedule.input.spec), ...scheduleFormValues(schedule) }}
        limits={jobLimits(getConfig())}
      />
    </div>
  );
}
