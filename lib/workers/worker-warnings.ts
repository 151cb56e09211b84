import { effectiveCliVersion } from "../cli/cli-version";
import { WORKER_STATUS_INTERVAL_MS, type WorkerStatus } from "../worker-status";

/** Past this, a worker's report is late: it may be stuck, or its host unreachable. */
export const LATE_REPORT_MS = 2 * WORKER_STATUS_INTERVAL_MS;

/** What stands out about each worker beside the others: a late report, another CLI or dashboard version. */
export function workerWarnings(workers: readonly WorkerStatus[], now: number): Map<string, string[]> {
  const mostCommon = (values: (string | undefined)[]) => {
    const counts = new Map<string, number>();
    for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const cli = mostCommon(workers.map((worker) => effectiveCliVersion(worker.cli) ?? undefined));
  const app = mostCommon(workers.map((worker) => worker.appVersion));
  return new Map(
    workers.map((worker) => {
      const warnings: string[] = [];
      const silent = now - worker.seenAt;
      if (silent > LATE_REPORT_MS)
        warnings.push(
          `No report for ${Math.round(silent / 1000)} s: it may be stuck, or its host unreachable.`,
        );
      const version = effectiveCliVersion(worker.cli);
      if (cli && version && version !== cli)
        warnings.push(`Runs Claude CLI ${version}; the others run ${cli}.`);
      if (app && worker.appVersion && worker.appVersion !== app)
        warnings.push(
          `Runs the dashboard's version ${worker.appVersion}; the others run ${app}: upgrade it.`,
        );
      return [worker.id, warnings];
    }),
  );
}
