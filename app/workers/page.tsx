import type { Metadata } from "next";
import { AutoRefresh } from "@/components/auto-refresh";
import { WorkerDrainButton } from "@/components/worker-drain-button";
import { effectiveCliVersion } from "@/lib/cli/cli-version";
import { formatBytes } from "@/lib/format";
import { ISOLATION_LABELS } from "@/lib/workers/job-isolation";
import { listWorkers } from "@/lib/workers/list-workers";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Workers" };

/** Every worker heard from, what it runs and can take, and what stands out: a late report, another version. */
export default async function WorkersPage() {
  const workers = await listWorkers();
  return (
    <div className="max-w-5xl space-y-4">
      <AutoRefresh />
      <h1 className="text-xl font-semibold">Workers</h1>
      {workers.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No worker is online: jobs wait until one starts (npm start runs one; npm run worker on another
          host).
        </p>
      ) : (
        <ul className="space-y-3">
          {workers.map((worker) => (
            <li
              key={worker.id}
              data-testid="worker"
              className={`space-y-1 rounded-lg border p-3 text-sm ${worker.warnings.length > 0 ? "border-amber-300 dark:border-amber-800" : "border-zinc-200 dark:border-zinc-800"}`}
            >
              <div className="flex flex-wrap items-center gap-3">
                <p className="min-w-0 flex-1 font-medium [overflow-wrap:anywhere]">
                  {worker.host}{" "}
                  <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{worker.id}</span>
                </p>
                {worker.draining && (
                  <span
                    data-testid="worker-draining"
                    className="rounded bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                  >
                    draining
                  </span>
                )}
                <WorkerDrainButton id={worker.id} draining={worker.draining} />
              </div>
              <p className="text-zinc-600 dark:text-zinc-400">
                running {worker.running} of {worker.concurrency} · claude{" "}
                {effectiveCliVersion(worker.cli) ?? "?"} ({worker.cli.source}) ·{" "}
                {worker.isolation ? ISOLATION_LABELS[worker.isolation.level] : "isolation unknown"}
                {worker.dataDir?.freeBytes != null ? ` · ${formatBytes(worker.dataDir.freeBytes)} free` : ""}
                {worker.appVersion ? ` · dashboard ${worker.appVersion}` : ""} · pid {worker.pid}
              </p>
              {worker.warnings.map((warning) => (
                <p key={warning} data-testid="worker-warning" className="text-amber-800 dark:text-amber-200">
                  {warning}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
