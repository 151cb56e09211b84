import type { MarkedProcess } from "./process-table";
import type { Liveness } from "./worker-liveness";

export interface SweepContext {
  installationId: string;
  workerId: string;
  /** Runs in progress on this worker, by fence. */
  localFences: Set<string>;
  /** Liveness of the other workers named by the processes. */
  liveness: Map<string, Liveness>;
}

/**
 * Which marked processes are orphans: of this installation, and either of a run this worker no longer has, or of
 * a worker known dead (its heartbeat gone long enough, seen over a steady connection). Nothing else on the host is
 * ever an orphan, whatever its markers say: another installation's jobs, a living worker's, one in another PID
 * namespace whose pids mean nothing here.
 */
export function selectOrphans(processes: MarkedProcess[], context: SweepContext): MarkedProcess[] {
  return processes.filter(({ markers }) => {
    if (markers.installation !== context.installationId) return false;
    if (markers.worker === context.workerId) return !context.localFences.has(markers.run);
    return context.liveness.get(markers.worker) === "dead";
  });
}

/** The other workers of this installation that the processes name: the ones whose liveness matters. */
export function workersToCheck(
  processes: MarkedProcess[],
  context: Omit<SweepContext, "liveness" | "localFences">,
): string[] {
  const ids = new Set<string>();
  for (const { markers } of processes)
    if (markers.installation === context.installationId && markers.worker !== context.workerId)
      ids.add(markers.worker);
  return [...ids];
}
