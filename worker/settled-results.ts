import type { Redis } from "ioredis";
import { forgetRunResults } from "@/lib/runs/run-record";

/** How long settled jobs gather before their run records are trimmed, in one round trip for all. */
const FORGET_INTERVAL_MS = 1000;

/**
 * Trims the run record of each job whose result is both in result.json and applied by BullMQ: the record's copy of
 * the result is then only Redis memory. Jobs settle by the hundred a second under load, so they are trimmed in
 * batches rather than one round trip each.
 */
export class SettledResults {
  /** Jobs whose result.json this worker wrote, waiting for BullMQ to apply the result. */
  private readonly saved = new Set<string>();
  private settled: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly redis: Redis) {}

  /** result.json holds the job's result. */
  noteSaved(jobId: string): void {
    this.saved.add(jobId);
  }

  /** BullMQ has applied the job's result (it completed or failed). */
  noteSettled(jobId: string): void {
    if (!this.saved.delete(jobId)) return;
    this.settled.push(jobId);
    this.timer ??= setTimeout(() => void this.flush(), FORGET_INTERVAL_MS);
  }

  /** Trims what has settled so far; a failure leaves the copies, which cost memory and nothing else. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const jobIds = this.settled;
    this.settled = [];
    await forgetRunResults(this.redis, jobIds).catch((error: Error) =>
      console.error(`worker: trimming ${jobIds.length} run record(s):`, error.message),
    );
  }
}
