import { NewJobForm } from "@/components/new-job-form";

export default function NewJobPage() {
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 text-xl font-semibold">New job</h1>
      <NewJobForm />
    </div>
  );
}
