import type { Metadata } from "next";
import { NewJobForm } from "@/components/new-job-form";
import { getConfig } from "@/lib/config";
import { jobIdSchema } from "@/lib/job-id";
import { PROMPT_MAX_CHARS, specToFormValues } from "@/lib/job-spec";
import { getJobDetail } from "@/lib/jobs/get-job";
import { jobLimits } from "@/lib/jobs/job-limits";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New job" };

/** Fields besides the prompt an address may fill in. */
const ADDRESS_FIELDS = ["permissionMode", "toolApprovals", "run"] as const;

/**
 * The New job form; `?from=<id>` fills it from that job's spec ("Run again"), `?prompt=` with a prompt (and
 * `?permissionMode=` and `?toolApprovals=` with those, as the demo's scenarios do); `?run=schedule` opens it on a
 * schedule ("Schedule…" of a job, New schedule). The form still checks them all.
 */
export default async function NewJobPage(props: PageProps<"/jobs/new">) {
  const params = await props.searchParams;
  const from = jobIdSchema.safeParse(params.from);
  const original = from.success ? await getJobDetail(from.data) : null;
  const prompt = typeof params.prompt === "string" ? params.prompt.slice(0, PROMPT_MAX_CHARS) : undefined;
  const addressed = Object.fromEntries(
    ADDRESS_FIELDS.flatMap((field) => {
      const value = params[field];
      return typeof value === "string" ? [[field, value.slice(0, 100)]] : [];
    }),
  );
  return (
    <div className="max-w-4xl">
      <h1 className="mb-1 text-xl font-semibold">
        {params.run === "schedule" ? "New schedule" : params.run === "trigger" ? "New template" : "New job"}
      </h1>
      {original && (
        <p data-testid="run-again-note" className="mb-4 text-sm text-zinc-500 dark:text-zinc-400">
          A copy of “{original.label}”: change what you like, then run it.
        </p>
      )}
      <NewJobForm
        initialValues={{
          ...(original ? specToFormValues(original.spec) : prompt ? { prompt } : {}),
          ...addressed,
        }}
        limits={jobLimits(getConfig())}
      />
    </div>
  );
}
