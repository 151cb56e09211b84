import Link from "next/link";

/** Our own page for an unknown address or a job that is gone: it says why and leads back. */
export default function NotFound() {
  return (
    <section data-testid="not-found" className="mx-auto max-w-xl space-y-3 py-12 text-center">
      <h1 className="text-xl font-semibold">Nothing here</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        There is no such page. If it was a job, it may have been deleted, or its address was mistyped.
      </p>
      <p className="flex justify-center gap-3">
        <Link
          href="/"
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Back to the jobs
        </Link>
        <Link
          href="/jobs/new"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New job
        </Link>
      </p>
    </section>
  );
}
